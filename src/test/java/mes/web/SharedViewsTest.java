package mes.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedViewsTest {

    @Test
    void concurrentViewersOfOneKeyShareOneBuildAndAChangeForgetsIt() throws Exception {
        SharedViews<String> views = new SharedViews<>();
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> viewers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                viewers.add(pool.submit(() -> views.get("M1|week", Duration.ofHours(1), () -> {
                    builds.incrementAndGet();
                    try {
                        release.await(); // the first build is slow; the others arrive meanwhile
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "view " + builds.get();
                })));
            }
            Thread.sleep(200); // lets every viewer reach the key before the build finishes
            release.countDown();
            for (Future<String> v : viewers) {
                assertThat(v.get()).isEqualTo("view 1");
            }
        } finally {
            pool.shutdown();
        }
        assertThat(builds).hasValue(1);
        assertThat(views.get("M2|week", Duration.ofHours(1), () -> "other")).isEqualTo("other");

        views.forget("M1|");
        assertThat(views.get("M1|week", Duration.ofHours(1), () -> "rebuilt")).isEqualTo("rebuilt");
        assertThat(views.get("M2|week", Duration.ofHours(1), () -> "not again")).isEqualTo("other");
        // 0: no sharing
        assertThat(views.get("M1|week", Duration.ZERO, () -> "fresh")).isEqualTo("fresh");
    }

    @Test
    void whileOneViewerRebuildsAnExpiredViewTheOthersGetThePreviousOne() throws Exception {
        SharedViews<String> views = new SharedViews<>();
        Duration expiredAtOnce = Duration.ofNanos(1);
        assertThat(views.get("k", expiredAtOnce, () -> "v1")).isEqualTo("v1");
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> rebuilder = pool.submit(() -> views.get("k", expiredAtOnce, () -> {
                building.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "v2";
            }));
            building.await();
            assertThat(views.get("k", expiredAtOnce, () -> "not built: a rebuild is running")).isEqualTo("v1");
            release.countDown();
            assertThat(rebuilder.get()).isEqualTo("v2");
        } finally {
            pool.shutdown();
        }
        assertThat(views.get("k", Duration.ofHours(1), () -> "unused")).isEqualTo("v2");
    }
}
