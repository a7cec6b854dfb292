package dev.whale.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class CoalescerTest {
    @Test
    void get_concurrentCallers_eachGetAReadStartedAfterItArrived() throws Exception {
        int callers = 2000;
        AtomicLong clock = new AtomicLong();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch arrived = new CountDownLatch(callers);
        // A read returns the tick at which it started, and lasts until every caller has arrived: so every caller
        // arrives while a read runs, whatever the scheduling, and must not be served that read.
        Coalescer<Long> c = new Coalescer<>(() -> {
            reads.incrementAndGet();
            long started = clock.incrementAndGet();
            try {
                if (!arrived.await(1, TimeUnit.MINUTES)) {
                    throw new IllegalStateException(arrived.getCount() + " callers never arrived");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            clock.incrementAndGet();
            return started;
        });
        List<Future<Boolean>> calls = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                calls.add(pool.submit(() -> {
                    long at = clock.get();
                    arrived.countDown();
                    return c.get() > at;
                }));
            }
            for (Future<Boolean> f : calls) {
                assertTrue(f.get(), "a caller got a read that started before it arrived");
            }
        }
        assertTrue(reads.get() < 1000, "2,000 concurrent callers made " + reads.get() + " reads");
        assertTrue(reads.get() >= 1);
    }

    @Test
    void get_readFails_everySharerGetsTheFailureAndTheNextReadRuns() {
        AtomicInteger n = new AtomicInteger();
        Coalescer<Integer> c = new Coalescer<>(() -> {
            if (n.incrementAndGet() == 1) {
                throw new ServiceException("database unavailable");
            }
            return n.get();
        });
        assertEquals("database unavailable", assertThrows(ServiceException.class, c::get).getMessage());
        assertEquals(2, c.get());
    }

    @Test
    void count_underConcurrentCounts_seesTheUserCreatedJustBefore() throws Exception {
        DataSource ds = TestDb.fresh();
        Users users = new Users(Database.over(ds));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> load = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) {
                load.add(pool.submit(() -> {
                    go.await();
                    for (int k = 0; k < 50; k++) {
                        users.count();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (int i = 0; i < 20; i++) {
                users.create("reader" + i + "@server.com");
                assertEquals(i + 1, users.count(), "read-your-writes under concurrent counts");
            }
            for (Future<?> f : load) {
                f.get();
            }
        }
    }
}
