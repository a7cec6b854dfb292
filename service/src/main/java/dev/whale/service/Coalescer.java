package dev.whale.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Shares one read among the callers that arrive together, without serving anyone a stale answer: a caller gets
 * the result of a read that started after it arrived. While a read runs, newcomers wait for the next one, which
 * starts when the running one ends. Under load the database sees at most one read in flight and one queued, however
 * many requests ask; alone, a caller reads as if there were no coalescing.
 *
 * @param <T> what the read returns
 */
final class Coalescer<T> {
    private final Supplier<T> read;
    private CompletableFuture<T> running;
    private CompletableFuture<T> next;

    Coalescer(Supplier<T> read) {
        this.read = read;
    }

    /** The result of a read that started after this call; a failure of that read is thrown to every sharer. */
    T get() {
        CompletableFuture<T> mine;
        boolean start;
        synchronized (this) {
            if (running == null) {
                running = new CompletableFuture<>();
                mine = running;
                start = true;
            } else {
                if (next == null) {
                    next = new CompletableFuture<>();
                }
                mine = next;
                start = false;
            }
        }
        if (start) {
            run(mine);
        }
        try {
            return mine.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Runs the read for {@code f}'s sharers; then starts the queued read, if any, on a virtual thread of its own. */
    private void run(CompletableFuture<T> f) {
        try {
            f.complete(read.get());
        } catch (RuntimeException e) {
            f.completeExceptionally(e);
        }
        CompletableFuture<T> queued;
        synchronized (this) {
            running = next;
            next = null;
            queued = running;
        }
        if (queued != null) {
            Thread.ofVirtual().name("whale-read").start(() -> run(queued));
        }
    }
}
