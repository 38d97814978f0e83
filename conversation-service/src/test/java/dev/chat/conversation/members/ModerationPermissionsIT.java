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
 * Ban, unban, mute and unmute through the API: each role acting on each role and on a non-member. As in
 * {@link MemberPermissionsIT}, an admin acts on the other admin and a member on the other member. For UNBAN and
 * UNMUTE the target was banned or muted by the owner first (a banned "role" is the role they had).
 */
class ModerationPermissionsIT extends MemberIntegrationTest {

    enum Act { BAN, UNBAN, MUTE, UNMUTE }

    /** actor, action, target role ("NONE": a non-member), expected status. */
    static Stream<Arguments> matrix() {
        return Stream.of(
                // BAN: owner and admins, never upwards or sideways; a non-member may be banned pre-emptively.
                Arguments.of("OWNER", Act.BAN, "OWNER", 403),
                Arguments.of("OWNER", Act.BAN, "ADMIN", 200),
                Arguments.of("OWNER", Act.BAN, "MEMBER", 200),
                Arguments.of("OWNER", Act.BAN, "NONE", 200),
                Arguments.of("ADMIN", Act.BAN, "OWNER", 403),
                Arguments.of("ADMIN", Act.BAN, "ADMIN", 403),
                Arguments.of("ADMIN", Act.BAN, "MEMBER", 200),
                Arguments.of("ADMIN", Act.BAN, "NONE", 200),
                Arguments.of("MEMBER", Act.BAN, "OWNER", 403),
                Arguments.of("MEMBER", Act.BAN, "ADMIN", 403),
                Arguments.of("MEMBER", Act.BAN, "MEMBER", 403),
                Arguments.of("MEMBER", Act.BAN, "NONE", 403),
                // UNBAN of a user the owner banned: the ban permission; a banned user is no longer a member.
                Arguments.of("OWNER", Act.UNBAN, "ADMIN", 204),
                Arguments.of("OWNER", Act.UNBAN, "MEMBER", 204),
                Arguments.of("OWNER", Act.UNBAN, "NONE", 204),
                Arguments.of("ADMIN", Act.UNBAN, "MEMBER", 204),
                Arguments.of("ADMIN", Act.UNBAN, "NONE", 204),
                Arguments.of("MEMBER", Act.UNBAN, "MEMBER", 403),
                Arguments.of("MEMBER", Act.UNBAN, "NONE", 403),
                // MUTE: members only (404 for a non-member), never upwards or sideways.
                Arguments.of("OWNER", Act.MUTE, "OWNER", 403),
                Arguments.of("OWNER", Act.MUTE, "ADMIN", 200),
                Arguments.of("OWNER", Act.MUTE, "MEMBER", 200),
                Arguments.of("OWNER", Act.MUTE, "NONE", 404),
                Arguments.of("ADMIN", Act.MUTE, "OWNER", 403),
                Arguments.of("ADMIN", Act.MUTE, "ADMIN", 403),
                Arguments.of("ADMIN", Act.MUTE, "MEMBER", 200),
                Arguments.of("ADMIN", Act.MUTE, "NONE", 404),
                Arguments.of("MEMBER", Act.MUTE, "OWNER", 403),
                Arguments.of("MEMBER", Act.MUTE, "ADMIN", 403),
                Arguments.of("MEMBER", Act.MUTE, "MEMBER", 403),
                Arguments.of("MEMBER", Act.MUTE, "NONE", 403),
                // UNMUTE of a member the owner muted: the same rule as MUTE.
                Arguments.of("OWNER", Act.UNMUTE, "ADMIN", 204),
                Arguments.of("OWNER", Act.UNMUTE, "MEMBER", 204),
                Arguments.of("OWNER", Act.UNMUTE, "NONE", 404),
                Arguments.of("ADMIN", Act.UNMUTE, "ADMIN", 403),
                Arguments.of("ADMIN", Act.UNMUTE, "MEMBER", 204),
                Arguments.of("MEMBER", Act.UNMUTE, "ADMIN", 403),
                Arguments.of("MEMBER", Act.UNMUTE, "MEMBER", 403));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("matrix")
    void eachRoleMayBanAndMuteExactlyWhomTheMatrixAllows(String actorRole, Act act, String targetRole, int status) {
        List<User> users = projectedUsers(6);
        User owner = users.get(0);
        User admin = users.get(1);
        User otherAdmin = users.get(2);
        User member = users.get(3);
        User otherMember = users.get(4);
        User outsider = users.get(5);
        String id = group(owner, List.of(admin, otherAdmin), List.of(member, otherMember));
        User actor = switch (actorRole) {
            case "OWNER" -> owner;
            case "ADMIN" -> admin;
            default -> member;
        };
        User target = switch (targetRole) {
            case "OWNER" -> owner;
            case "ADMIN" -> otherAdmin;
            case "MEMBER" -> otherMember;
            default -> outsider;
        };
        if (act == Act.UNBAN) {
            assertThat(ban(owner, id, target.id()).status()).isEqualTo(200);
        }
        if (act == Act.UNMUTE && !targetRole.equals("NONE")) {
            assertThat(mute(owner, id, target.id()).status()).isEqualTo(200);
        }
        Map<UUID, String> before = roles(id);
        List<String> bansBefore = listed(owner, id, "bans");
        List<String> mutesBefore = listed(owner, id, "mutes");

        Http.Response response = switch (act) {
            case BAN -> ban(actor, id, target.id());
            case UNBAN -> lift(actor, id, "bans", target.id());
            case MUTE -> mute(actor, id, target.id());
            case UNMUTE -> lift(actor, id, "mutes", target.id());
        };

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        Map<UUID, String> expectedRoles = new HashMap<>(before);
        String t = target.id().toString();
        if (status >= 400) {
            assertProblem(response, status);
            assertThat(listed(owner, id, "bans")).isEqualTo(bansBefore);
            assertThat(listed(owner, id, "mutes")).isEqualTo(mutesBefore);
        } else {
            switch (act) {
                case BAN -> {
                    expectedRoles.remove(target.id());
                    assertThat(listed(owner, id, "bans")).containsExactly(t);
                    assertThat(response.json().get("bannedBy").asString()).isEqualTo(actor.id().toString());
                }
                case UNBAN -> assertThat(listed(owner, id, "bans")).isEmpty();
                case MUTE -> {
                    assertThat(listed(owner, id, "mutes")).containsExactly(t);
                    assertThat(response.json().get("mutedBy").asString()).isEqualTo(actor.id().toString());
                }
                case UNMUTE -> assertThat(listed(owner, id, "mutes")).isEmpty();
            }
        }
        assertThat(roles(id)).isEqualTo(expectedRoles);
    }
}
