package ai.cinboard.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.Project;
import ai.cinboard.testing.TestDatabases;
import ai.cinboard.testing.TestProjects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A whole project loads completely, in the same number of queries whatever its size. */
class ProjectRepositoryTest {
    private static Database db;

    @BeforeAll
    static void open() {
        db = TestDatabases.open();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void loadsEverythingUnderTheRecordInAFixedNumberOfQueries() {
        ProjectRepository repository = new ProjectRepository(db);
        int small = TestProjects.insert(db, 2, 3, 1, 2, 1);
        int large = TestProjects.insert(db, 40, 3, 2, 6, 5);

        long before = db.statementMonitor().statementCount();
        Project smallProject = repository.load(small).orElseThrow();
        long smallQueries = db.statementMonitor().statementCount() - before;
        before = db.statementMonitor().statementCount();
        Project largeProject = repository.load(large).orElseThrow();
        long largeQueries = db.statementMonitor().statementCount() - before;

        assertEquals(ProjectRepository.QUERIES_PER_PROJECT, smallQueries);
        assertEquals(smallQueries, largeQueries, "query count must not grow with the project");

        assertEquals(40, largeProject.scenes().size());
        assertEquals(120, largeProject.keyframes().size());
        assertEquals(240, largeProject.keyframeImages().size());
        assertEquals(6, largeProject.characters().size());
        assertEquals(30, largeProject.characterImages().size());
        assertEquals(40, largeProject.clips().size());
        assertEquals(1, largeProject.voiceovers().size());
        assertEquals(1, largeProject.finalVideos().size());
        assertEquals(40 * 2, largeProject.sceneCharacters().size());
        assertTrue(largeProject.statuses().size() > 0);
        // Nothing from the other project leaks in.
        assertTrue(largeProject.keyframes().stream().allMatch(k -> k.inputRecordId() == large));
        assertEquals(2, smallProject.scenes().size());
        assertTrue(repository.load(-5).isEmpty());
    }
}
