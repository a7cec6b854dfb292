package dev.whale.ring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One band of a ring picture: stretches of the space, each with a key (the node that serves it, or the flow that
 * moves it), merged where one ends and the next with the same key begins. A few hundred arcs are drawn as they are;
 * more would be thinner than a pixel and make a picture of megabytes, so they are drawn in {@value #STEPS} steps
 * round the circle instead, each step taking the key that covers most of it.
 */
final class Band {
    /** The most arcs drawn one by one. */
    static final int MAX_ARCS = 360;
    /** Steps round the circle when there are more: half a degree each, about two pixels at the ring's edge. */
    static final int STEPS = 720;

    /** A stretch from {@code start} to {@code end}, as fractions of the circle, with its first and last position. */
    record Arc(double start, double end, int key, double opacity, long first, long last) {}

    private final int bits;
    private final double size;
    private final boolean solid;
    private final List<Arc> runs = new ArrayList<>();

    /**
     * @param solid whether the band covers the whole circle (every step takes the key that covers most of it) or
     *              only parts of it (a step takes the key that covers most of what it covers, as opaque as the share
     *              of it that is covered)
     */
    Band(int bits, boolean solid) {
        this.bits = bits;
        this.size = Math.scalb(1.0, bits);
        this.solid = solid;
    }

    /** Positions {@code first} to {@code last} (unsigned, inclusive) have {@code key}. */
    void add(long first, long last, int key) {
        if (!runs.isEmpty()) {
            Arc prev = runs.get(runs.size() - 1);
            if (prev.key() == key && prev.last() + 1 == first) {
                runs.set(runs.size() - 1, new Arc(prev.start(), fraction(last) + 1 / size, key, 1, prev.first(),
                        last));
                return;
            }
        }
        runs.add(new Arc(fraction(first), fraction(last) + 1 / size, key, 1, first, last));
    }

    /** The merged stretches, before any stepping. */
    int runs() {
        return runs.size();
    }

    /** Whether the arcs are the stretches themselves, with their positions, rather than steps. */
    boolean exact() {
        return runs.size() <= MAX_ARCS;
    }

    /** The arcs to draw. */
    List<Arc> arcs() {
        return exact() ? List.copyOf(runs) : steps();
    }

    private List<Arc> steps() {
        List<Map<Integer, Double>> cover = new ArrayList<>(STEPS);
        for (int s = 0; s < STEPS; s++) {
            cover.add(new HashMap<>());
        }
        for (Arc r : runs) {
            int s0 = (int) Math.min(STEPS - 1, Math.floor(r.start() * STEPS));
            int s1 = (int) Math.min(STEPS - 1, Math.ceil(r.end() * STEPS) - 1);
            for (int s = s0; s <= s1; s++) {
                double overlap = Math.min(r.end(), (s + 1.0) / STEPS) - Math.max(r.start(), (double) s / STEPS);
                if (overlap > 0) {
                    cover.get(s).merge(r.key(), overlap, Double::sum);
                }
            }
        }
        List<Arc> out = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            int best = 0;
            double most = 0;
            double covered = 0;
            for (var e : cover.get(s).entrySet()) {
                covered += e.getValue();
                if (e.getValue() > most || e.getValue() == most && e.getKey() < best) {
                    best = e.getKey();
                    most = e.getValue();
                }
            }
            if (most == 0) {
                continue;
            }
            // Opacity in tenths, at least one, so that neighbouring steps merge and a sliver still shows.
            double opacity = solid ? 1 : Math.max(1, Math.min(10, Math.ceil(covered * STEPS * 10 - 1e-9))) / 10;
            Arc last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.key() == best && last.opacity() == opacity
                    && Math.abs(last.end() - (double) s / STEPS) < 1e-12) {
                out.set(out.size() - 1, new Arc(last.start(), (s + 1.0) / STEPS, best, opacity, -1, -1));
            } else {
                out.add(new Arc((double) s / STEPS, (s + 1.0) / STEPS, best, opacity, -1, -1));
            }
        }
        return out;
    }

    private double fraction(long position) {
        double p = position >= 0 ? position : (position >>> 1) * 2.0 + (position & 1);
        return p / size;
    }

    int bits() {
        return bits;
    }
}
