package dev.chat.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The overload run's accounting: every scheduled send ends as one {@link Outcome}, counted for its phase and
 * for its second (the second of its <em>scheduled</em> time, so a second's figures say what became of the load
 * offered in it). Answer latencies, from the scheduled time, go to one histogram per phase for acceptances
 * and one for refusals (503 and 429), and to one per second for acceptances. Thread-safe and lock-free:
 * recording is a few atomic increments, from the HTTP client's completion threads.
 */
final class OverloadStats {

    /** What became of one scheduled send. */
    enum Outcome {
        ACCEPTED("2xx"),
        REFUSED_503_RETRY_AFTER("503+Retry-After"),
        REFUSED_503("503 without Retry-After"),
        TOO_MANY_REQUESTS("429"),
        OTHER_4XX("other 4xx"),
        OTHER_5XX("other 5xx"),
        OTHER_STATUS("1xx/3xx"),
        TRANSPORT_ERROR("timeout/connection error"),
        CLIENT_DROPPED("client-dropped");

        final String label;

        Outcome(String label) {
            this.label = label;
        }

        boolean isRefusal() {
            return this == REFUSED_503_RETRY_AFTER || this == REFUSED_503 || this == TOO_MANY_REQUESTS;
        }

        boolean is503() {
            return this == REFUSED_503_RETRY_AFTER || this == REFUSED_503;
        }
    }

    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final int N = OUTCOMES.length;
    private static final long HIGHEST_MICROS = 3_600_000_000L;
    /** Per-second histograms stop resolving at a minute (larger values land in the top bucket; max stays exact). */
    private static final long HIGHEST_MICROS_PER_SECOND = 60_000_000L;

    private final int phases;
    private final int seconds;
    private final AtomicLongArray byPhase;
    private final AtomicLongArray bySecond;
    private final AtomicLongArray offeredByPhase;
    private final AtomicLongArray offeredBySecond;
    private final AtomicLongArray notProblemJson;
    private final LatencyHistogram[] acceptedByPhase;
    private final LatencyHistogram[] refusedByPhase;
    private final LatencyHistogram[] lagByPhase;
    private final LatencyHistogram[] acceptedBySecond;
    private final ConcurrentHashMap<String, LongAdder> transportKinds = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> notProblemSamples = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();

    OverloadStats(int phases, int seconds) {
        this.phases = phases;
        this.seconds = seconds;
        byPhase = new AtomicLongArray(phases * N);
        bySecond = new AtomicLongArray(seconds * N);
        offeredByPhase = new AtomicLongArray(phases);
        offeredBySecond = new AtomicLongArray(seconds);
        notProblemJson = new AtomicLongArray(phases);
        acceptedByPhase = histograms(phases, HIGHEST_MICROS);
        refusedByPhase = histograms(phases, HIGHEST_MICROS);
        lagByPhase = histograms(phases, HIGHEST_MICROS);
        acceptedBySecond = histograms(seconds, HIGHEST_MICROS_PER_SECOND);
    }

    private static LatencyHistogram[] histograms(int n, long highest) {
        LatencyHistogram[] result = new LatencyHistogram[n];
        for (int i = 0; i < n; i++) {
            result[i] = new LatencyHistogram(highest);
        }
        return result;
    }

    /** The status class of an HTTP answer. */
    static Outcome classify(int status, boolean retryAfter) {
        if (status >= 200 && status < 300) {
            return Outcome.ACCEPTED;
        }
        if (status == 503) {
            return retryAfter ? Outcome.REFUSED_503_RETRY_AFTER : Outcome.REFUSED_503;
        }
        if (status == 429) {
            return Outcome.TOO_MANY_REQUESTS;
        }
        if (status >= 400 && status < 500) {
            return Outcome.OTHER_4XX;
        }
        if (status >= 500 && status < 600) {
            return Outcome.OTHER_5XX;
        }
        return Outcome.OTHER_STATUS;
    }

    /** {@code application/problem+json}, parameters and case aside (RFC 9457). */
    static boolean isProblemJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.equalsIgnoreCase("application/problem+json");
    }

    /** A send was due (counted whether it went out or was dropped). */
    void offered(int phase, int second, long lagNanos) {
        offeredByPhase.incrementAndGet(phase);
        offeredBySecond.incrementAndGet(second);
        lagByPhase[phase].record(lagNanos / 1_000);
    }

    /** An HTTP answer, {@code micros} after the send's scheduled time. */
    void answered(int phase, int second, int status, boolean retryAfter, String contentType, long micros) {
        Outcome outcome = classify(status, retryAfter);
        count(phase, second, outcome);
        if (outcome == Outcome.ACCEPTED) {
            acceptedByPhase[phase].record(micros);
            acceptedBySecond[second].record(micros);
            return;
        }
        if (outcome.isRefusal()) {
            refusedByPhase[phase].record(micros);
        }
        if (!isProblemJson(contentType)) {
            notProblemJson.incrementAndGet(phase);
            if (notProblemSamples.size() < 3) {
                notProblemSamples.add(status + " Content-Type: " + (contentType == null ? "(none)" : contentType));
            }
        }
    }

    /** No answer: timeout, refused or reset connection...; {@code kind} names it for the report. */
    void failed(int phase, int second, String kind, String detail) {
        count(phase, second, Outcome.TRANSPORT_ERROR);
        transportKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
        if (errorSamples.size() < 3) {
            errorSamples.add(kind + ": " + detail);
        }
    }

    /** The send found every --concurrency slot taken and was not made. */
    void dropped(int phase, int second) {
        count(phase, second, Outcome.CLIENT_DROPPED);
    }

    /** Keeps an example of an unexpected answer (other 4xx/5xx) for the report. */
    void sample(String text) {
        if (errorSamples.size() < 3) {
            errorSamples.add(text);
        }
    }

    private void count(int phase, int second, Outcome outcome) {
        byPhase.incrementAndGet(phase * N + outcome.ordinal());
        bySecond.incrementAndGet(second * N + outcome.ordinal());
    }

    int phases() {
        return phases;
    }

    int seconds() {
        return seconds;
    }

    long offered(int phase) {
        return offeredByPhase.get(phase);
    }

    long count(int phase, Outcome outcome) {
        return byPhase.get(phase * N + outcome.ordinal());
    }

    long offeredAt(int second) {
        return offeredBySecond.get(second);
    }

    long countAt(int second, Outcome outcome) {
        return bySecond.get(second * N + outcome.ordinal());
    }

    long refused503At(int second) {
        return countAt(second, Outcome.REFUSED_503_RETRY_AFTER) + countAt(second, Outcome.REFUSED_503);
    }

    long refused503(int phase) {
        return count(phase, Outcome.REFUSED_503_RETRY_AFTER) + count(phase, Outcome.REFUSED_503);
    }

    /** Non-2xx answers and transport errors other than 503/429 refusals. */
    long otherErrors(int phase) {
        return count(phase, Outcome.OTHER_4XX) + count(phase, Outcome.OTHER_5XX) + count(phase, Outcome.OTHER_STATUS)
                + count(phase, Outcome.TRANSPORT_ERROR);
    }

    long otherErrorsAt(int second) {
        return countAt(second, Outcome.OTHER_4XX) + countAt(second, Outcome.OTHER_5XX)
                + countAt(second, Outcome.OTHER_STATUS) + countAt(second, Outcome.TRANSPORT_ERROR);
    }

    long notProblemJson(int phase) {
        return notProblemJson.get(phase);
    }

    LatencyHistogram accepted(int phase) {
        return acceptedByPhase[phase];
    }

    LatencyHistogram refused(int phase) {
        return refusedByPhase[phase];
    }

    LatencyHistogram lag(int phase) {
        return lagByPhase[phase];
    }

    LatencyHistogram acceptedAt(int second) {
        return acceptedBySecond[second];
    }

    /** Outcome label -> count for one phase, zeros left out. */
    Map<String, Long> outcomes(int phase) {
        Map<String, Long> result = new LinkedHashMap<>();
        for (Outcome outcome : OUTCOMES) {
            long n = count(phase, outcome);
            if (n > 0) {
                result.put(outcome.label, n);
            }
        }
        return result;
    }

    Map<String, Long> transportKinds() {
        Map<String, Long> result = new TreeMap<>();
        transportKinds.forEach((kind, n) -> result.put(kind, n.sum()));
        return result;
    }

    Iterable<String> notProblemSamples() {
        return notProblemSamples;
    }

    Iterable<String> errorSamples() {
        return errorSamples;
    }

    /**
     * When the stack was back to full throughput after the overload: the first second of the recovery phase in
     * which at least {@code fraction} of the sends offered were accepted and none got a 503.
     *
     * @param firstGood      index of that second within the recovery phase, -1 if none
     * @param seconds        from the end of the overload to the end of that second (one-second resolution), or -1
     * @param laterBad       seconds after the first good one that fell short again
     * @param recoverySeconds seconds of the recovery phase
     */
    record Recovery(int firstGood, int seconds, int laterBad, int recoverySeconds) {

        boolean recovered() {
            return firstGood >= 0;
        }

        String describe(double fraction) {
            String criterion = String.format(Locale.ROOT, "accepted >= %.0f %% of offered and no 503", fraction * 100);
            if (!recovered()) {
                return "NOT back to full throughput within the " + recoverySeconds + " s recovery phase (no second with "
                        + criterion + ")";
            }
            return String.format(Locale.ROOT, "back to full throughput within %d s after the overload ended (%s from "
                            + "recovery second %d on)%s", seconds, criterion, firstGood + 1,
                    laterBad == 0 ? "; it held for the rest of the phase"
                            : "; " + laterBad + " of the " + (recoverySeconds - firstGood - 1) + " later seconds fell short again");
        }
    }

    /** {@link Recovery} over seconds {@code [from, to)} of {@code offered}/{@code accepted}/{@code refused503}. */
    static Recovery recovery(long[] offered, long[] accepted, long[] refused503, int from, int to, double fraction) {
        int firstGood = -1;
        int laterBad = 0;
        for (int s = from; s < to; s++) {
            boolean good = offered[s] > 0 && accepted[s] >= fraction * offered[s] && refused503[s] == 0;
            if (firstGood < 0) {
                if (good) {
                    firstGood = s - from;
                }
            } else if (!good) {
                laterBad++;
            }
        }
        return new Recovery(firstGood, firstGood < 0 ? -1 : firstGood + 1, laterBad, to - from);
    }

    /** {@link #recovery(long[], long[], long[], int, int, double)} over this run's seconds of phase {@code phase}. */
    Recovery recovery(OverloadPlan plan, int phase, double fraction) {
        long[] offered = new long[seconds];
        long[] accepted = new long[seconds];
        long[] refused = new long[seconds];
        for (int s = 0; s < seconds; s++) {
            offered[s] = offeredAt(s);
            accepted[s] = countAt(s, Outcome.ACCEPTED);
            refused[s] = refused503At(s);
        }
        int from = plan.firstSecond(phase);
        return recovery(offered, accepted, refused, from, from + plan.seconds(phase), fraction);
    }
}
