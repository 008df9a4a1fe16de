package mes.web;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Page views shared by every viewer for a short time: a view is built at most once per
 * {@code maxAge} and key, by one request while the others for the same key wait for it (single
 * flight), so that 50 terminals on one page cost one build. Entries a change makes stale are
 * forgotten by their key's prefix. 0 turns sharing off.
 */
public final class SharedViews<V> {

    private record Built<V>(V value, long nanos) {
    }

    private static final int MAX_ENTRIES = 2_000;

    private final ConcurrentHashMap<String, Built<V>> views = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    public V get(String key, Duration maxAge, Supplier<V> build) {
        long max = maxAge.toNanos();
        if (max <= 0) {
            return build.get();
        }
        Built<V> b = views.get(key);
        if (b != null && System.nanoTime() - b.nanos() < max) {
            return b.value();
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            b = views.get(key);
            if (b != null && System.nanoTime() - b.nanos() < max) {
                return b.value();
            }
            V value = build.get();
            if (views.size() >= MAX_ENTRIES) {
                views.clear();
            }
            views.put(key, new Built<>(value, System.nanoTime()));
            return value;
        }
    }

    /** Forgets every view whose key starts with the prefix (after a change they show). */
    public void forget(String prefix) {
        views.keySet().removeIf(k -> k.startsWith(prefix));
    }
}
