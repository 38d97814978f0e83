package dev.chat.bench;

import java.util.Locale;

/**
 * What the load mode sends besides messages (--mix): reactions, read-cursor moves and edits, each as a number per
 * message, so the extra load scales with --rate. {@code none} (the default) sends messages only, exactly as before.
 */
record OperationMix(String name, double reactionsPerMessage, double readsPerMessage, double editsPerMessage) {

    /** The operations besides a send, in the order the schedule breaks ties and the report lists them. */
    enum Kind {
        REACTION("reaction", "reactions", "reactions-per-message"),
        READ("read", "read-cursor moves", "reads-per-message"),
        EDIT("edit", "edits", "edits-per-message");

        final String key;
        final String plural;
        /** The command-line option of its ratio. */
        final String option;

        Kind(String key, String plural, String option) {
            this.key = key;
            this.plural = plural;
            this.option = option;
        }
    }

    static final OperationMix NONE = new OperationMix("none", 0, 0, 0);
    /** Per 2 messages one reaction and one read-cursor move; an edit per 20 messages (edits are rarer than reads). */
    static final OperationMix REALISTIC = new OperationMix("realistic", 0.5, 0.5, 0.05);
    /** Higher ratios would measure the operations, not the message path with operations beside it. */
    static final double MAX_PER_MESSAGE = 10;

    OperationMix {
        for (double ratio : new double[] {reactionsPerMessage, readsPerMessage, editsPerMessage}) {
            if (!(ratio >= 0) || ratio > MAX_PER_MESSAGE) {
                throw new IllegalArgumentException("a per-message ratio must be within [0, " + (int) MAX_PER_MESSAGE + "]");
            }
        }
    }

    static OperationMix preset(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "realistic" -> REALISTIC;
            default -> throw new IllegalArgumentException("--mix must be none or realistic, got '" + name + "'");
        };
    }

    /** This mix with one ratio replaced; a preset that no longer matches itself is called {@code custom}. */
    OperationMix with(Kind kind, double perMessage) {
        OperationMix changed = new OperationMix(name,
                kind == Kind.REACTION ? perMessage : reactionsPerMessage,
                kind == Kind.READ ? perMessage : readsPerMessage,
                kind == Kind.EDIT ? perMessage : editsPerMessage);
        return changed.sameRatios(this) ? this : new OperationMix("custom", changed.reactionsPerMessage,
                changed.readsPerMessage, changed.editsPerMessage);
    }

    double perMessage(Kind kind) {
        return switch (kind) {
            case REACTION -> reactionsPerMessage;
            case READ -> readsPerMessage;
            case EDIT -> editsPerMessage;
        };
    }

    boolean isNone() {
        return reactionsPerMessage == 0 && readsPerMessage == 0 && editsPerMessage == 0;
    }

    /** For the report: {@code realistic (per message: 0.5 reactions, 0.5 read-cursor moves, 0.05 edits)}. */
    String describe() {
        StringBuilder out = new StringBuilder(name).append(" (per message:");
        for (Kind kind : Kind.values()) {
            out.append(kind == Kind.REACTION ? " " : ", ").append(ratio(perMessage(kind))).append(' ').append(kind.plural);
        }
        return out.append(')').toString();
    }

    /** 0.5, 0.05, 2: as given, no padding. */
    static String ratio(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private boolean sameRatios(OperationMix other) {
        return reactionsPerMessage == other.reactionsPerMessage && readsPerMessage == other.readsPerMessage
                && editsPerMessage == other.editsPerMessage;
    }
}
