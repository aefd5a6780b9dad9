package ai.cinboard.persistence;

import ai.cinboard.domain.Project;
import ai.cinboard.testing.TestDatabases;
import ai.cinboard.testing.TestProjects;
import java.util.Arrays;

/**
 * Loads a project of 100 scenes x 3 keyframes x 2 images plus 10 characters x 5 images from a real
 * PostgreSQL and prints the query count and the median load time. Run:
 * {@code mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=ai.cinboard.persistence.ProjectLoadBenchmark}
 */
public final class ProjectLoadBenchmark {
    private ProjectLoadBenchmark() {}

    public static void main(String[] args) {
        int runs = 50;
        try (Database db = TestDatabases.open()) {
            int id = TestProjects.insert(db, 100, 3, 2, 10, 5);
            ProjectRepository repository = new ProjectRepository(db);
            for (int i = 0; i < 10; i++) {
                repository.load(id); // warm-up: JIT, prepared statements, pool
            }
            long[] nanos = new long[runs];
            long queries = 0;
            Project project = null;
            for (int i = 0; i < runs; i++) {
                long q0 = db.statementMonitor().statementCount();
                long t0 = System.nanoTime();
                project = repository.load(id).orElseThrow();
                nanos[i] = System.nanoTime() - t0;
                queries = db.statementMonitor().statementCount() - q0;
            }
            Arrays.sort(nanos);
            System.out.printf(
                    "project: %d scenes, %d keyframes, %d keyframe images, %d characters, %d character images%n",
                    project.scenes().size(),
                    project.keyframes().size(),
                    project.keyframeImages().size(),
                    project.characters().size(),
                    project.characterImages().size());
            System.out.printf("queries per load: %d%n", queries);
            System.out.printf(
                    "load time over %d runs: median %.2f ms, p90 %.2f ms, min %.2f ms%n",
                    runs, nanos[runs / 2] / 1e6, nanos[runs * 9 / 10] / 1e6, nanos[0] / 1e6);
        }
        System.exit(0);
    }
}
