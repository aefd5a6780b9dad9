package ai.cinboard.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.cinboard.domain.StudioException;
import ai.cinboard.testing.Fixtures;
import ai.cinboard.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/** Another user's project ids are refused exactly like ids that don't exist. */
class ProjectAccessTest {

    @Test
    void anotherUsersProjectIsNotFound() {
        try (Database db = TestDatabases.open()) {
            int alice = db.inTransaction(Fixtures::user);
            int bob = db.inTransaction(Fixtures::user);
            int alicesProject = db.inTransaction(s -> Fixtures.inputRecord(s, alice));

            assertEquals(
                    alicesProject,
                    ProjectAccess.requireOwner(db, alice, alicesProject).id());

            StudioException other =
                    assertThrows(StudioException.class, () -> ProjectAccess.requireOwner(db, bob, alicesProject));
            int missing = alicesProject + 1000;
            StudioException absent =
                    assertThrows(StudioException.class, () -> ProjectAccess.requireOwner(db, bob, missing));
            assertEquals(
                    "Project " + alicesProject
                            + " was not found; pick one from your project list (cinboard project list,"
                            + " or the studio's library).",
                    other.getMessage());
            assertEquals(
                    other.getMessage().replace(String.valueOf(alicesProject), String.valueOf(missing)),
                    absent.getMessage(),
                    "no difference between someone else's project and no project");
        }
    }
}
