package dev.chat.conversation.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.testsupport.Http;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The permission matrix through the API: each role acting on each role, for every action this slice enforces.
 * The group is the owner, two admins and two members; an admin acts on the other admin, a member on the other
 * member, so "on the same role" means "on a peer" except for the owner (there is one, so it is themselves).
 */
class MemberPermissionsIT extends MemberIntegrationTest {

    enum Act { KICK, PROMOTE, DEMOTE, TRANSFER, ADD }

    /** actor, action, target role (null for ADD: a new user), expected status, target's role after (null: not a member). */
    static Stream<Arguments> matrix() {
        return Stream.of(
                // KICK: owner and admins, never upwards or sideways; the owner "kicking" themselves is leaving.
                row("OWNER", Act.KICK, "OWNER", 409, "OWNER"),
                row("OWNER", Act.KICK, "ADMIN", 204, null),
                row("OWNER", Act.KICK, "MEMBER", 204, null),
                row("ADMIN", Act.KICK, "OWNER", 403, "OWNER"),
                row("ADMIN", Act.KICK, "ADMIN", 403, "ADMIN"),
                row("ADMIN", Act.KICK, "MEMBER", 204, null),
                row("MEMBER", Act.KICK, "OWNER", 403, "OWNER"),
                row("MEMBER", Act.KICK, "ADMIN", 403, "ADMIN"),
                row("MEMBER", Act.KICK, "MEMBER", 403, "MEMBER"),
                // PROMOTE (role ADMIN): owner only; promoting an admin is a no-op.
                row("OWNER", Act.PROMOTE, "OWNER", 403, "OWNER"),
                row("OWNER", Act.PROMOTE, "ADMIN", 200, "ADMIN"),
                row("OWNER", Act.PROMOTE, "MEMBER", 200, "ADMIN"),
                row("ADMIN", Act.PROMOTE, "OWNER", 403, "OWNER"),
                row("ADMIN", Act.PROMOTE, "ADMIN", 403, "ADMIN"),
                row("ADMIN", Act.PROMOTE, "MEMBER", 403, "MEMBER"),
                row("MEMBER", Act.PROMOTE, "OWNER", 403, "OWNER"),
                row("MEMBER", Act.PROMOTE, "ADMIN", 403, "ADMIN"),
                row("MEMBER", Act.PROMOTE, "MEMBER", 403, "MEMBER"),
                // DEMOTE (role MEMBER): owner only; demoting a member is a no-op.
                row("OWNER", Act.DEMOTE, "OWNER", 403, "OWNER"),
                row("OWNER", Act.DEMOTE, "ADMIN", 200, "MEMBER"),
                row("OWNER", Act.DEMOTE, "MEMBER", 200, "MEMBER"),
                row("ADMIN", Act.DEMOTE, "OWNER", 403, "OWNER"),
                row("ADMIN", Act.DEMOTE, "ADMIN", 403, "ADMIN"),
                row("ADMIN", Act.DEMOTE, "MEMBER", 403, "MEMBER"),
                row("MEMBER", Act.DEMOTE, "OWNER", 403, "OWNER"),
                row("MEMBER", Act.DEMOTE, "ADMIN", 403, "ADMIN"),
                row("MEMBER", Act.DEMOTE, "MEMBER", 403, "MEMBER"),
                // TRANSFER: owner only, to another member.
                row("OWNER", Act.TRANSFER, "OWNER", 400, "OWNER"),
                row("OWNER", Act.TRANSFER, "ADMIN", 200, "OWNER"),
                row("OWNER", Act.TRANSFER, "MEMBER", 200, "OWNER"),
                row("ADMIN", Act.TRANSFER, "OWNER", 403, "OWNER"),
                row("ADMIN", Act.TRANSFER, "ADMIN", 403, "ADMIN"),
                row("ADMIN", Act.TRANSFER, "MEMBER", 403, "MEMBER"),
                row("MEMBER", Act.TRANSFER, "OWNER", 403, "OWNER"),
                row("MEMBER", Act.TRANSFER, "ADMIN", 403, "ADMIN"),
                row("MEMBER", Act.TRANSFER, "MEMBER", 403, "MEMBER"),
                // ADD: owner and admins.
                row("OWNER", Act.ADD, null, 200, "MEMBER"),
                row("ADMIN", Act.ADD, null, 200, "MEMBER"),
                row("MEMBER", Act.ADD, null, 403, null));
    }

    private static Arguments row(String actor, Act act, String target, int status, String targetRoleAfter) {
        return Arguments.of(actor, act, target, status, targetRoleAfter);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("matrix")
    void eachRoleMayTakeExactlyTheActionsOfTheMatrix(String actorRole, Act act, String targetRole, int status,
                                                    String targetRoleAfter) {
        List<User> users = projectedUsers(6);
        User owner = users.get(0);
        User admin = users.get(1);
        User otherAdmin = users.get(2);
        User member = users.get(3);
        User otherMember = users.get(4);
        User outsider = users.get(5);
        String id = group(owner, List.of(admin, otherAdmin), List.of(member, otherMember));
        Map<UUID, String> before = roles(id);
        User actor = switch (actorRole) {
            case "OWNER" -> owner;
            case "ADMIN" -> admin;
            default -> member;
        };
        User target = targetRole == null ? outsider : switch (targetRole) {
            case "OWNER" -> owner;
            case "ADMIN" -> otherAdmin;
            default -> otherMember;
        };

        Http.Response response = switch (act) {
            case KICK -> remove(actor, id, target.id());
            case PROMOTE -> setRole(actor, id, target.id(), "ADMIN");
            case DEMOTE -> setRole(actor, id, target.id(), "MEMBER");
            case TRANSFER -> transfer(actor, id, target.id());
            case ADD -> add(actor, id, List.of(target.id()));
        };

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        Map<UUID, String> expected = new HashMap<>(before);
        if (status >= 400) {
            assertProblem(response, status);
        } else {
            if (targetRoleAfter == null) {
                expected.remove(target.id());
            } else {
                expected.put(target.id(), targetRoleAfter);
            }
            if (act == Act.TRANSFER) {
                expected.put(owner.id(), "ADMIN");
            }
        }
        assertThat(roles(id)).isEqualTo(expected);
        assertThat(roles(id).values()).containsOnlyOnce("OWNER");
    }
}
