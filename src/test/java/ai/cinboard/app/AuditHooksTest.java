package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.domain.AuditEntry;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.mapper.AuditLogMapper;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.pipeline.GenerationJobs;
import ai.cinboard.service.StudioSettings;
import ai.cinboard.service.account.AuditLog;
import ai.cinboard.service.export.FinalVideoDelivery;
import ai.cinboard.testing.TestProjects;
import ai.cinboard.testing.TestStudios;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports, deletions and settings changes each leave an audit_log entry, through the studio's real paths. */
class AuditHooksTest {

    private static List<AuditEntry> entries(Database db, String action) {
        return db.read(s -> s.getMapper(AuditLogMapper.class).listRecent(100)).stream()
                .filter(e -> e.action().equals(action))
                .toList();
    }

    private static int run(Map<String, String> env, StringWriter err, String... args) {
        return StudioCommand.run(
                env,
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true),
                args);
    }

    @Test
    void exportsDeletionsAndSettingsChangesAreAudited(@TempDir Path dir) throws Exception {
        Path home = TestStudios.tempHome();
        Map<String, String> env = TestStudios.environment(home);
        int mine;
        int theirs;
        int local;
        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            local = studio.localUserId();
            mine = TestProjects.insert(studio.database(), 2, 1, 1, 1, 1);
            studio.database().useTransaction(s -> {
                try (var st = s.getConnection().prepareStatement("UPDATE input_records SET user_id = ? WHERE id = ?");
                        // Made through the mappers, its items have no fingerprints, so all count as not rendered
                        // yet: without a final video it is a project never rendered, whose CSV is not held back.
                        var unrendered = s.getConnection()
                                .prepareStatement("DELETE FROM final_videos WHERE input_record_id = ?")) {
                    st.setInt(1, local);
                    st.setInt(2, mine);
                    st.executeUpdate();
                    unrendered.setInt(1, mine);
                    unrendered.executeUpdate();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            theirs = TestProjects.insert(studio.database(), 1, 1, 1, 1, 1);
        }

        // An export through the one export path of the CLI and the Export dialog (ProjectExports).
        StringWriter err = new StringWriter();
        Path csv = dir.resolve("shots.csv");
        assertEquals(
                0,
                run(env, err, "export", String.valueOf(mine), "--format", "csv", "--out", csv.toString()),
                err.toString());

        // Deleting: someone else's project is "not found" and stays; mine goes, with its rows.
        assertEquals(StudioCommand.EXIT_USER_ERROR, run(env, err, "delete", String.valueOf(theirs)));
        assertTrue(err.toString().contains("Project " + theirs + " was not found"), err.toString());
        assertEquals(0, run(env, err, "delete", String.valueOf(mine)), err.toString());

        try (Studio studio = Studio.open(StudioConfig.load(env));
                GenerationJobs jobs = studio.jobs()) {
            Database db = studio.database();
            AuditEntry export = entries(db, AuditLog.EXPORT).get(0);
            assertEquals(local, export.userId());
            assertEquals(
                    Map.of(
                            "inputRecordId",
                            mine,
                            "format",
                            "csv",
                            "target",
                            csv.toAbsolutePath().toString()),
                    export.detail());

            List<AuditEntry> deletions = entries(db, AuditLog.DELETE);
            assertEquals(1, deletions.size(), "the refused deletion is not recorded");
            assertEquals(Map.of("what", "project", "id", mine), deletions.get(0).detail());
            assertNull(db.read(s -> s.getMapper(InputRecordMapper.class).findById(mine)));
            assertNotNull(db.read(s -> s.getMapper(InputRecordMapper.class).findById(theirs)));

            // Settings: a save that changes the export frame rate records the setting's name, never a value.
            var settings = studio.services(jobs).settings();
            StudioSettings loaded = settings.load();
            settings.save(loaded);
            int afterFirstSave = entries(db, AuditLog.SETTINGS_CHANGE).size();
            settings.save(loaded);
            assertEquals(
                    afterFirstSave, entries(db, AuditLog.SETTINGS_CHANGE).size(), "an unchanged save records nothing");
            var export24 = loaded.export();
            settings.save(new StudioSettings(
                    loaded.engines(),
                    loaded.database(),
                    loaded.cache(),
                    loaded.media(),
                    new StudioSettings.ExportDefaults(export24.directory(), export24.width(), export24.height(), 30)));
            AuditEntry change = entries(db, AuditLog.SETTINGS_CHANGE).get(0);
            assertEquals(local, change.userId());
            assertEquals(Map.of("changed", List.of("CINBOARD_EXPORT_FPS")), change.detail());

            // Delivering the final video from the window's Export records it too.
            Path mp4 = dir.resolve("final.mp4");
            new FinalVideoDelivery(db, url -> new ByteArrayInputStream(new byte[] {1, 2, 3}))
                    .exportFinalVideo(theirs, mp4);
            assertEquals(3, Files.size(mp4));
            AuditEntry delivered = entries(db, AuditLog.EXPORT).get(0);
            assertEquals(
                    db.read(s -> s.getMapper(InputRecordMapper.class).findById(theirs))
                            .userId(),
                    delivered.userId());
            assertEquals("mp4", delivered.detail().get("format"));
        }
    }
}
