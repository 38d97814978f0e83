package dev.chat.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.chat.bench.MixTracker.OpStats;
import dev.chat.bench.MixTracker.Recent;
import dev.chat.bench.OperationMix.Kind;

/**
 * Plans and sends the --mix operations as they come due on the scheduler's clock. Each goes to a random
 * conversation:
 * <ul>
 *   <li>reaction: a random member PUTs one of {@link #EMOJIS} on one of the conversation's recent answered
 *       messages (a reaction the member already has is a 204 no-op, fine);</li>
 *   <li>read: a random member PUTs its read cursor to the highest seq it has seen there;</li>
 *   <li>edit: the sender of one of the conversation's recent messages PATCHes it with a new body.</li>
 * </ul>
 * An operation with no target yet (no answered message in the conversation, nothing seen) is skipped and counted.
 *
 * <p>The operations have their own HTTP client and their own bound on requests in flight, apart from the message
 * sends': so the sends see the same client side as without a mix (the same connections, the same --concurrency
 * slots, their own selector thread), and a change in send latency is the server's doing. An operation due while
 * every slot of its bound is taken is not made (client-dropped): waiting would hold up the messages behind it on
 * the one scheduler thread and close the loop.
 */
final class MixOperations {

    static final String[] EMOJIS = {"\uD83D\uDC4D", "\uD83C\uDF89", "\u2764\uFE0F"}; // thumbs up, party popper, red heart
    private static final String[] ENCODED_EMOJIS = new String[EMOJIS.length];

    static {
        for (int i = 0; i < EMOJIS.length; i++) {
            ENCODED_EMOJIS[i] = URLEncoder.encode(EMOJIS[i], StandardCharsets.UTF_8);
        }
    }

    /** One planned call: {@code user} sends {@code method path [body]}; messageId and emoji for reactions. */
    record Operation(Kind kind, int conversation, int user, String method, String path, String body,
                     String messageId, String emoji) {}

    private static final HttpResponse.BodyHandler<String> HANDLER = info -> info.statusCode() < 300
            ? HttpResponse.BodySubscribers.replacing(null)
            : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);

    private final MixTracker tracker;
    private final String baseUrl;
    private final String runId;
    private final Duration requestTimeout;
    private final SplittableRandom random;
    private final String[] bearers;
    private final HttpClient http;
    private final Semaphore inFlight;
    private final int concurrency;
    private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();

    /**
     * @param seed    its own random stream: the messages' conversation and sender choices stay those of a run
     *                without a mix and the same --seed
     * @param bearers {@code Authorization} header values by user index
     * @param http    null in tests that only plan
     */
    MixOperations(MixTracker tracker, String baseUrl, String runId, Duration requestTimeout, long seed,
                  String[] bearers, HttpClient http, int concurrency) {
        this.tracker = tracker;
        this.baseUrl = baseUrl;
        this.runId = runId;
        this.requestTimeout = requestTimeout;
        this.random = new SplittableRandom(seed ^ 0x6d69785f6f707321L);
        this.bearers = bearers.clone();
        this.http = http;
        this.concurrency = concurrency;
        this.inFlight = new Semaphore(concurrency);
    }

    /** Operation {@code j} of {@code kind}: whom it comes from and what it sends; null when it has no target yet. */
    Operation plan(Kind kind, int j) {
        List<DeliveryTracker.Conversation> conversations = tracker.conversations();
        int c = random.nextInt(conversations.size());
        int[] members = conversations.get(c).members();
        String prefix = "/api/conversations/" + conversations.get(c).id();
        switch (kind) {
            case REACTION -> {
                int position = random.nextInt(members.length);
                Recent message = tracker.recentMessage(c, random);
                if (message == null) {
                    return null;
                }
                int e = random.nextInt(EMOJIS.length);
                return new Operation(kind, c, members[position], "PUT",
                        prefix + "/messages/" + message.messageId() + "/reactions/" + ENCODED_EMOJIS[e], null,
                        message.messageId(), EMOJIS[e]);
            }
            case READ -> {
                int position = random.nextInt(members.length);
                long seq = tracker.seenBy(c, position);
                if (seq <= 0) {
                    return null;
                }
                return new Operation(kind, c, members[position], "PUT", prefix + "/receipt",
                        "{\"readSeq\":" + seq + "}", null, null);
            }
            case EDIT -> {
                Recent message = tracker.recentMessage(c, random);
                if (message == null) {
                    return null;
                }
                // A body of its own each time: an edit to the same body changes nothing and pushes nothing.
                return new Operation(kind, c, members[message.senderPosition()], "PATCH",
                        prefix + "/messages/" + message.messageId(),
                        "{\"body\":\"bench " + runId + " #" + message.index() + " edit " + j + "\"}",
                        message.messageId(), null);
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /** Operation {@code j} of {@code kind}, due at {@code target} (System.nanoTime): plan it and send it. */
    void dispatch(Kind kind, int j, long target, boolean measured) {
        OpStats stats = tracker.stats(kind, measured);
        Operation operation = plan(kind, j);
        if (operation == null) {
            stats.skipped.increment();
            return;
        }
        stats.attempted.increment();
        if (!inFlight.tryAcquire()) {
            stats.failed("client-dropped");
            return;
        }
        if (kind == Kind.REACTION) {
            tracker.reactionScheduled(operation.messageId(), operation.user(), operation.emoji(), target);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + operation.path()))
                .timeout(requestTimeout)
                .header("Authorization", bearers[operation.user()]);
        if (operation.body() == null) {
            request.method(operation.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(operation.method(), HttpRequest.BodyPublishers.ofString(operation.body()));
        }
        try {
            http.sendAsync(request.build(), HANDLER).whenComplete((response, error) -> {
                try {
                    completed(kind, stats, target, response, error);
                } finally {
                    inFlight.release();
                }
            });
        } catch (RuntimeException e) {
            completed(kind, stats, target, null, e);
            inFlight.release();
        }
    }

    private void completed(Kind kind, OpStats stats, long target, HttpResponse<String> response, Throwable error) {
        long done = System.nanoTime();
        if (response != null) {
            int status = response.statusCode();
            stats.answered(status, done - target);
            if ((status < 200 || status >= 300) && errorSamples.size() < 3) {
                errorSamples.add(kind.key + " " + status + " " + GatewayClient.snippet(response.body()));
            }
        } else {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            String errorKind = LoadRun.errorKind(cause);
            stats.failed(errorKind);
            if (errorSamples.size() < 3) {
                errorSamples.add(kind.key + " " + errorKind + ": " + cause.getMessage());
            }
        }
    }

    int inFlight() {
        return concurrency - inFlight.availablePermits();
    }

    /** Waits until every operation sent has its answer or error; false if some are still out at the timeout. */
    boolean awaitAnswers(long timeoutNanos) {
        try {
            if (!inFlight.tryAcquire(concurrency, timeoutNanos, TimeUnit.NANOSECONDS)) {
                return false;
            }
            inFlight.release(concurrency);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    List<String> errorSamples() {
        return List.copyOf(errorSamples);
    }
}
