package dev.chat.conversation.permission;

import static dev.chat.conversation.permission.Role.ADMIN;
import static dev.chat.conversation.permission.Role.OWNER;

import dev.chat.web.problem.ApiProblem;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The permission matrix of groups and channels, written once: which roles may take each action. Rendered in
 * docs/permissions.md ({@code PermissionsDocTest} keeps the two equal). Message-service enforces
 * DELETE_OTHERS_MESSAGES and PIN from its projected roles; the other actions are enforced here.
 */
public final class Permissions {

    private static final Map<Action, Set<Role>> MATRIX = matrix();

    private Permissions() {
    }

    private static Map<Action, Set<Role>> matrix() {
        Map<Action, Set<Role>> m = new EnumMap<>(Action.class);
        m.put(Action.EDIT_DETAILS, EnumSet.of(OWNER, ADMIN));
        m.put(Action.ADD_MEMBERS, EnumSet.of(OWNER, ADMIN));
        m.put(Action.KICK, EnumSet.of(OWNER, ADMIN));
        m.put(Action.BAN, EnumSet.of(OWNER, ADMIN));
        m.put(Action.MUTE, EnumSet.of(OWNER, ADMIN));
        m.put(Action.PROMOTE, EnumSet.of(OWNER));
        m.put(Action.DEMOTE, EnumSet.of(OWNER));
        m.put(Action.TRANSFER_OWNERSHIP, EnumSet.of(OWNER));
        m.put(Action.DELETE_CONVERSATION, EnumSet.of(OWNER));
        m.put(Action.CREATE_INVITE, EnumSet.of(OWNER, ADMIN));
        m.put(Action.DELETE_OTHERS_MESSAGES, EnumSet.of(OWNER, ADMIN));
        m.put(Action.PIN, EnumSet.of(OWNER, ADMIN));
        m.put(Action.READ_MODERATION_LOG, EnumSet.of(OWNER, ADMIN));
        if (m.size() != Action.values().length) {
            throw new IllegalStateException("every action needs a row in the permission matrix");
        }
        m.replaceAll((action, roles) -> Collections.unmodifiableSet(roles));
        return Collections.unmodifiableMap(m);
    }

    public static boolean allows(Role actor, Action action) {
        return MATRIX.get(action).contains(actor);
    }

    /** The roles allowed to take {@code action}. */
    public static Set<Role> rolesAllowed(Action action) {
        return MATRIX.get(action);
    }

    /** @throws ApiProblem 403 when {@code actor}'s role may not take {@code action} at all */
    public static void check(Role actor, Action action) {
        if (!allows(actor, action)) {
            throw ApiProblem.forbidden(plural(actor) + " cannot " + action.verb() + " (allowed: "
                    + String.join(", ", rolesAllowed(action).stream().map(Permissions::plural).toList()) + ")");
        }
    }

    /**
     * The target-aware check: as {@link #check(Role, Action)}, and for an action aimed at a member the actor must
     * outrank the target, so admins cannot act on the owner or on other admins.
     *
     * @throws ApiProblem 403 with a detail that says which rule refused
     */
    public static void check(Role actor, Action action, Role target) {
        check(actor, action);
        if (action.onMember() && !actor.outranks(target)) {
            throw ApiProblem.forbidden(actor == OWNER
                    ? "the owner cannot " + action.verb() + " themselves; transfer ownership first"
                    : plural(actor) + " cannot " + action.verb() + " the owner or other admins");
        }
    }

    private static String plural(Role role) {
        return switch (role) {
            case OWNER -> "the owner";
            case ADMIN -> "admins";
            case MEMBER -> "members";
        };
    }
}
