package dev.chat.conversation.permission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/permissions.md renders the matrix of {@link Permissions}: this test keeps the two from drifting apart. */
class PermissionsDocTest {

    private static final Path DOC = Path.of("../docs/permissions.md");
    private static final List<Role> COLUMNS = List.of(Role.OWNER, Role.ADMIN, Role.MEMBER);

    /** What one table row says: the roles allowed, and whether the action is aimed at a member. */
    record Row(Set<Role> allowed, boolean onMember) {
    }

    @Test
    void theDocumentedTableIsThePermissionMatrix() throws IOException {
        Map<String, Row> documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOC)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            List<String> cells = Arrays.stream(line.split("\\|")).map(String::strip).toList().subList(1, 6);
            Set<Role> allowed = EnumSet.noneOf(Role.class);
            for (int i = 0; i < COLUMNS.size(); i++) {
                if (yes(cells.get(1 + i))) {
                    allowed.add(COLUMNS.get(i));
                }
            }
            String action = cells.get(0).replace("`", "");
            assertThat(documented.put(action, new Row(allowed, yes(cells.get(4))))).as("%s listed twice", action).isNull();
        }

        Map<String, Row> inCode = new LinkedHashMap<>();
        for (Action action : Action.values()) {
            inCode.put(action.name(), new Row(Permissions.rolesAllowed(action), action.onMember()));
        }
        assertThat(documented).as("the table in %s", DOC).containsExactlyEntriesOf(inCode);
    }

    private static boolean yes(String cell) {
        assertThat(cell).as("a matrix cell").isIn("yes", "no");
        return cell.equals("yes");
    }
}
