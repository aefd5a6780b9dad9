package ai.cinboard.persistence;

import ai.cinboard.testing.TestDatabases;
import ai.cinboard.testing.TestProjects;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Backs up 20 projects of 100 scenes x 3 keyframes x 2 images plus 10 characters x 5 images from a real
 * PostgreSQL, restores them into a fresh database, and prints rows, file size and times. Run:
 * {@code mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=ai.cinboard.persistence.BackupBenchmark}
 */
public final class BackupBenchmark {
    private BackupBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path file = Files.createTempFile("cinboard-benchmark", ".backup");
        try (Database db = TestDatabases.open()) {
            for (int i = 0; i < 20; i++) {
                TestProjects.insert(db, 100, 3, 2, 10, 5);
            }
            long t0 = System.nanoTime();
            DatabaseBackup.Summary backup = new DatabaseBackup(db).backup(file);
            double backupMs = (System.nanoTime() - t0) / 1e6;
            try (Database target = TestDatabases.open()) {
                long t1 = System.nanoTime();
                DatabaseBackup.Summary restore = new DatabaseBackup(target).restore(file);
                double restoreMs = (System.nanoTime() - t1) / 1e6;
                System.out.printf(
                        "rows: %d backed up, %d restored; file %.1f MB%n",
                        backup.totalRows(), restore.totalRows(), Files.size(file) / 1e6);
                System.out.printf("backup %.0f ms, restore %.0f ms%n", backupMs, restoreMs);
            }
        } finally {
            Files.deleteIfExists(file);
        }
        System.exit(0);
    }
}
