package mes.ingest;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mes.ingest.config.IngestConfig;
import mes.kernel.Unavailable;
import mes.platform.DatabaseErrors;

/**
 * Gathers payloads from every source into batches (up to {@code mes.ingest.batch.max-messages}
 * messages, or {@code max-wait} after the first one) and writes each batch in one transaction.
 * A payload's future completes when its batch is committed: that is when the source may
 * acknowledge.
 *
 * <p>Two threads, so that the two cores work at once: one gathers a batch and prepares it
 * (decode, validate, rate budget: {@link IngestService#prepare}) while the other writes the
 * previous one ({@link IngestService#store}); batches are written one at a time, in order. A
 * payload whose preparation failed ahead of time is prepared again by the writer, inside the
 * failure handling below, so an error there is treated like an error in the write.
 *
 * <p>Failures: while the database is unavailable, payloads that can wait (Pub/Sub, simulator)
 * are kept in memory and retried with growing pauses, never acknowledged and never dropped; the
 * queue is bounded, so the Pub/Sub subscriber's flow control then stops further deliveries.
 * Payloads whose sender retries on its own (HTTP, push) fail at once, answered 503. A batch that
 * fails for another reason is split, so one poison payload cannot hold back the others: alone,
 * it is quarantined with the error.
 */
@ApplicationScoped
public class IngestBatcher {

    /** The payload's sender retries by itself; answer it at once while the database is down. */
    public static class DatabaseUnavailableException extends Unavailable {
        public DatabaseUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** More payloads wait than the queue holds. */
    public static class OverloadedException extends Unavailable {
        public OverloadedException(String message) {
            super(message);
        }
    }

    /** A payload on its way; {@code prepared} once it is decoded and validated. */
    private static final class Pending {
        final IngestRequest request;
        final boolean canWait;
        final CompletableFuture<IngestReport> result;
        IngestService.Prepared prepared;

        Pending(IngestRequest request, boolean canWait, CompletableFuture<IngestReport> result) {
            this.request = request;
            this.canWait = canWait;
            this.result = result;
        }
    }

    @Inject
    IngestService ingest;

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    private BlockingQueue<Pending> queue;
    /** Prepared batches for the writer: one waits while the next is prepared. */
    private BlockingQueue<List<Pending>> prepared;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    /** Payloads taken from the queue and not yet answered. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private Thread gatherer;
    private Thread writer;
    private DistributionSummary batchSizes;
    private Timer commitLatency;
    private Timer lag;

    void onStart(@Observes @Priority(1) StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    synchronized void start() {
        if (running.get()) {
            return;
        }
        queue = new ArrayBlockingQueue<>(config.batch().queueCapacity());
        prepared = new ArrayBlockingQueue<>(1);
        batchSizes = DistributionSummary.builder("mes.ingest.batch.messages").description("messages per committed batch")
                .publishPercentiles(0.5, 0.99).register(metrics);
        commitLatency = Timer.builder("mes.ingest.batch.commit").description("time to write and commit one batch")
                .publishPercentiles(0.5, 0.99).register(metrics);
        lag = Timer.builder("mes.ingest.lag").description("from publish time to commit")
                .publishPercentiles(0.5, 0.99).register(metrics);
        metrics.gauge("mes.ingest.outstanding", this, b -> b.queue.size() + b.inFlight.get());
        running.set(true);
        gatherer = new Thread(this::gather, "ingest-batcher");
        gatherer.setDaemon(true);
        gatherer.start();
        writer = new Thread(this::writeInOrder, "ingest-writer");
        writer.setDaemon(true);
        writer.start();
    }

    synchronized void stop() {
        if (!running.getAndSet(false)) {
            return;
        }
        gatherer.interrupt();
        writer.interrupt();
        try {
            gatherer.join(5_000);
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        List<List<Pending>> batches = new ArrayList<>();
        prepared.drainTo(batches);
        batches.forEach(left::addAll);
        shutDown(left);
    }

    private static void shutDown(List<Pending> batch) {
        batch.forEach(p -> p.result.completeExceptionally(new DatabaseUnavailableException("shutting down", null)));
    }

    /**
     * Queues a payload. {@code canWait}: the source holds the payload unacknowledged while the
     * database is down (Pub/Sub, simulator); otherwise the future fails at once then.
     */
    public CompletableFuture<IngestReport> submit(IngestRequest request, boolean canWait) {
        CompletableFuture<IngestReport> result = new CompletableFuture<>();
        if (!canWait && databaseDown.get()) {
            result.completeExceptionally(new DatabaseUnavailableException("the database is unavailable", null));
            return result;
        }
        if (!running.get() || !queue.offer(new Pending(request, canWait, result))) {
            metrics.counter("mes.ingest.overloaded").increment();
            result.completeExceptionally(new OverloadedException(
                    "more than " + config.batch().queueCapacity() + " payloads are waiting to be stored"));
        }
        return result;
    }

    /** Payloads queued or being written. */
    public int outstanding() {
        return queue.size() + inFlight.get();
    }

    public boolean isDatabaseDown() {
        return databaseDown.get();
    }

    /** The gathering thread: batches from the queue, prepared ahead and handed to the writer. */
    private void gather() {
        while (running.get()) {
            List<Pending> batch = new ArrayList<>();
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                inFlight.incrementAndGet();
                batch.add(first);
                int messages = estimate(first);
                long deadline = System.nanoTime() + config.batch().maxWait().toNanos();
                while (messages < config.batch().maxMessages()) {
                    long wait = deadline - System.nanoTime();
                    Pending next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    inFlight.incrementAndGet();
                    batch.add(next);
                    messages += estimate(next);
                }
                for (Pending p : batch) {
                    try {
                        p.prepared = ingest.prepare(p.request);
                    } catch (RuntimeException e) { // the writer prepares it again, where failures are handled
                        Log.debugf(e, "Preparing a %s payload ahead failed", p.request.source());
                    }
                }
                prepared.put(batch);
            } catch (InterruptedException e) {
                shutDown(batch);
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) { // not expected; the batch is failed rather than left unanswered
                Log.error("The ingest batcher hit an unexpected error; it goes on", e);
                batch.forEach(p -> p.result.completeExceptionally(e));
                inFlight.addAndGet(-batch.size());
            }
        }
    }

    /** The writing thread: one batch at a time, in the order they were gathered. */
    private void writeInOrder() {
        while (running.get()) {
            List<Pending> batch = List.of();
            try {
                batch = prepared.poll(1, TimeUnit.SECONDS);
                if (batch == null) {
                    continue;
                }
                write(batch);
            } catch (InterruptedException e) {
                shutDown(batch.stream().filter(p -> !p.result.isDone()).toList());
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                Log.error("The ingest writer hit an unexpected error; it goes on", e);
            } finally {
                if (batch != null) {
                    inFlight.addAndGet(-batch.size());
                }
            }
        }
    }

    /** Writes the batch, holding and retrying it while the database is down. */
    private void write(List<Pending> batch) throws InterruptedException {
        Duration pause = Duration.ofMillis(250);
        List<Pending> current = batch;
        while (!current.isEmpty()) {
            try {
                commit(current);
                return;
            } catch (RuntimeException e) {
                if (!DatabaseErrors.isTransient(e)) {
                    isolate(current, e);
                    return;
                }
                if (!databaseDown.getAndSet(true)) {
                    Log.warnf("The database is unavailable (%s); holding %d payloads and retrying", DatabaseErrors.describe(e),
                            current.size());
                }
                List<Pending> waiting = new ArrayList<>();
                for (Pending p : current) {
                    if (p.canWait) {
                        waiting.add(p);
                    } else {
                        p.result.completeExceptionally(new DatabaseUnavailableException("the database is unavailable", e));
                    }
                }
                current = waiting;
                if (current.isEmpty() || !running.get()) {
                    current.forEach(p -> p.result.completeExceptionally(
                            new DatabaseUnavailableException("the database is unavailable", e)));
                    return;
                }
                Thread.sleep(pause.toMillis());
                pause = min(pause.multipliedBy(2), config.batch().maxRetryBackoff());
            }
        }
    }

    private void commit(List<Pending> batch) {
        long start = System.nanoTime();
        List<IngestService.Prepared> payloads = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            if (p.prepared == null) {
                p.prepared = ingest.prepare(p.request);
            }
            payloads.add(p.prepared);
        }
        List<IngestReport> reports = ingest.store(payloads);
        commitLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        if (databaseDown.getAndSet(false)) { // before anyone is answered: whoever sees an answer sees the database up
            Log.info("The database is back; ingestion goes on");
        }
        Instant now = clock.instant();
        int messages = 0;
        for (int i = 0; i < batch.size(); i++) {
            IngestReport r = reports.get(i);
            messages += r.accepted() + r.duplicates() + r.rejected().size();
            lag.record(Duration.between(batch.get(i).request.publishedAt(), now).abs());
            batch.get(i).result.complete(r);
        }
        batchSizes.record(messages);
    }

    /** A batch failed for a reason that a retry will not cure: find the payload that causes it. */
    private void isolate(List<Pending> batch, RuntimeException error) throws InterruptedException {
        if (batch.size() > 1) {
            for (Pending p : batch) {
                write(List.of(p));
            }
            return;
        }
        Pending poison = batch.get(0);
        String reason = "could not be stored: " + DatabaseErrors.describe(error);
        Log.warnf("A %s payload %s; it goes to quarantine", poison.request.source(), reason);
        try {
            ingest.quarantineUnstorable(poison.request, reason);
            poison.result.complete(IngestReport.unusable(reason));
        } catch (RuntimeException e) {
            poison.result.completeExceptionally(e);
        }
    }

    /** A rough count of the messages in a payload, for the batch size: the number of top-level objects. */
    private static int estimate(Pending p) {
        byte[] b = p.request.payload();
        int depth = 0;
        int objects = 0;
        boolean inString = false;
        int first = 0;
        while (first < b.length && Character.isWhitespace(b[first])) {
            first++;
        }
        boolean array = first < b.length && b[first] == '[';
        for (int i = first; i < b.length; i++) {
            byte c = b[i];
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (c == '{' && (depth == 0 || depth == 1 && array)) {
                    objects++;
                }
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return Math.max(1, objects);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
