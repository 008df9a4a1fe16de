package mes.web;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Page views shared by every viewer for a short time: a view is built at most once per
 * {@code maxAge} and key, by one request (single flight), so that 50 terminals on one page cost
 * one build. While it rebuilds an expired view, the other viewers get the previous one instead of
 * waiting (stale while revalidate: a view is at most maxAge plus one build old); only the very
 * first build is waited for. Entries a change makes stale are forgotten by their key's prefix.
 * 0 turns sharing off.
 */
public final class SharedViews<V> {

    private record Built<V>(V value, long nanos) {
    }

    private static final int MAX_ENTRIES = 2_000;

    private final ConcurrentHashMap<String, Built<V>> views = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public V get(String key, Duration maxAge, Supplier<V> build) {
        long max = maxAge.toNanos();
        if (max <= 0) {
            return build.get();
        }
        Built<V> b = views.get(key);
        if (b != null && System.nanoTime() - b.nanos() < max) {
            return b.value();
        }
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        if (b == null) {
            lock.lock();
        } else if (!lock.tryLock()) {
            return b.value(); // another viewer is rebuilding it
        }
        try {
            Built<V> now = views.get(key);
            if (now != null && System.nanoTime() - now.nanos() < max) {
                return now.value();
            }
            V value = build.get();
            if (views.size() >= MAX_ENTRIES) {
                views.clear();
            }
            views.put(key, new Built<>(value, System.nanoTime()));
            return value;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets every view whose key starts with the prefix (after a change they show). */
    public void forget(String prefix) {
        views.keySet().removeIf(k -> k.startsWith(prefix));
    }
}
