package dev.chat.conversation.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chat.web.problem.ApiProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PermissionsTest {

    @ParameterizedTest
    @EnumSource(Action.class)
    void theOwnerMayTakeEveryActionAndMembersNone(Action action) {
        assertThat(Permissions.allows(Role.OWNER, action)).isTrue();
        assertThat(Permissions.allows(Role.MEMBER, action)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = Action.class, names = {"KICK", "BAN", "MUTE", "DELETE_OTHERS_MESSAGES"})
    void adminsActOnMembersButNeverOnTheOwnerOrOtherAdmins(Action action) {
        assertThatCode(() -> Permissions.check(Role.ADMIN, action, Role.MEMBER)).doesNotThrowAnyException();
        for (Role target : new Role[] {Role.OWNER, Role.ADMIN}) {
            assertThatThrownBy(() -> Permissions.check(Role.ADMIN, action, target))
                    .isInstanceOfSatisfying(ApiProblem.class, p -> {
                        assertThat(p.getStatusCode().value()).isEqualTo(403);
                        assertThat(p.getBody().getDetail()).isEqualTo("admins cannot " + action.verb()
                                + " the owner or other admins");
                    });
        }
    }

    @Test
    void onlyTheOwnerPromotesDemotesTransfersAndDeletes() {
        for (Action action : new Action[] {Action.PROMOTE, Action.DEMOTE, Action.TRANSFER_OWNERSHIP,
                Action.DELETE_CONVERSATION}) {
            assertThat(Permissions.rolesAllowed(action)).containsExactly(Role.OWNER);
        }
        assertThatThrownBy(() -> Permissions.check(Role.ADMIN, Action.PROMOTE, Role.MEMBER))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.getBody().getDetail())
                        .isEqualTo("admins cannot promote (allowed: the owner)"));
    }

    @Test
    void theOwnersOwnRoleChangesOnlyByTransfer() {
        assertThatThrownBy(() -> Permissions.check(Role.OWNER, Action.DEMOTE, Role.OWNER))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.getBody().getDetail())
                        .isEqualTo("the owner cannot demote themselves; transfer ownership first"));
        assertThatCode(() -> Permissions.check(Role.OWNER, Action.KICK, Role.ADMIN)).doesNotThrowAnyException();
    }
}
