package ai.cinboard.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.app.BackupRestoreTest.Result;
import ai.cinboard.app.cli.StudioCommand;
import ai.cinboard.persistence.ProjectRows;
import ai.cinboard.pipeline.PhaseListener;
import ai.cinboard.pipeline.RenderPlan;
import ai.cinboard.pipeline.StoryInput;
import ai.cinboard.testing.S3Fixture;
import ai.cinboard.testing.TestStudios;
import ai.cinboard.ui.task.CurrentThreadTaskExecutor;
import ai.cinboard.ui.viewmodel.Notifier;
import ai.cinboard.ui.viewmodel.ProjectArchiveViewModel;
import ai.cinboard.ui.viewmodel.ProjectModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code project export} / {@code project import} through the real command line, on the real stack: a story
 * rendered by the offline engine into embedded PostgreSQL and local media, exported, and imported into the same
 * studio and into a fresh one whose media lives on S3 (S3Proxy). Damaged and foreign archives are refused with
 * one line and exit 2, and leave the database and the media store exactly as they were.
 */
class ProjectArchiveTest {
    private static final ObjectMapper JSON = ProjectRows.JSON;
    private static final Pattern OUT_ID = Pattern.compile("as project (\\d+) ");

    private static Path home;
    private static Map<String, String> env;
    private static int projectId;
    private static S3Fixture s3;

    @BeforeAll
    static void renderAStory() throws Exception {
        home = TestStudios.tempHome();
        env = TestStudios.environment(home);
        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            projectId = studio.intake()
                    .run(
                            new StoryInput(
                                    TestStudios.story("ferry.fountain"),
                                    "ferry.fountain",
                                    studio.localUserId(),
                                    null,
                                    null,
                                    "test"),
                            PhaseListener.NONE)
                    .projectId();
            studio.render(TestStudios.smallRender(home)).run(projectId, RenderPlan.MISSING_ONLY, PhaseListener.NONE);
        }
        s3 = new S3Fixture();
    }

    @AfterAll
    static void stopS3() {
        if (s3 != null) {
            s3.close();
        }
    }

    private static Result run(Map<String, String> environment, String... args) {
        return BackupRestoreTest.run(environment, args);
    }

    private static Path export(Path dir, String name) {
        Path file = dir.resolve(name);
        Result r = run(env, "project", "export", String.valueOf(projectId), "--out", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Exported project " + projectId + " ("), r.out());
        return file;
    }

    private static int imported(Result r) {
        assertEquals(0, r.exit(), r.err());
        Matcher m = OUT_ID.matcher(r.out());
        assertTrue(m.find(), r.out());
        return Integer.parseInt(m.group(1));
    }

    @Test
    void roundTripGivesAnEqualProjectWithNewIdsAndIdenticalMedia(@TempDir Path dir) throws Exception {
        Path file = export(dir, "ferry.cinboard");

        // Into the same studio: a second, equal project beside the first, every id new.
        int copy = imported(run(env, "project", "import", file.toString()));
        assertNotEquals(projectId, copy);
        Map<String, List<ObjectNode>> original = rows(env, projectId);
        Map<String, List<ObjectNode>> same = rows(env, copy);
        assertSameRows(normalized(original, url -> url), normalized(same, url -> url));
        assertNoSharedIds(original, same);
        assertEquals(
                show(env, projectId).without("id"),
                show(env, copy).without("id"),
                "the studio sees the same scenes, takes, clips and staleness");
        Result list = run(env, "project", "list", "--json");
        assertEquals(0, list.exit(), list.err());
        assertEquals(
                copy,
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(list.out())
                        .get(0)
                        .get("id")
                        .asInt(),
                "the imported project is the newest: " + list.out());

        // Into a fresh studio whose media is on S3: the rows name the S3 copies, byte for byte the same files.
        Path otherHome = TestStudios.tempHome();
        Map<String, String> other = TestStudios.environment(otherHome);
        other.putAll(s3.environment());
        // the studio renders as the project was (TestStudios.smallRender), so the moved project is up to date
        // there: an export of a project with changes not rendered yet would be refused
        other.put("CINBOARD_RENDER_RESOLUTION", "320x180");
        other.put("CINBOARD_RENDER_FPS", "12");
        int moved = imported(run(other, "project", "import", file.toString()));
        Map<String, List<ObjectNode>> there = rows(other, moved);
        assertSameRows(normalized(original, ProjectArchiveTest::hashOf), normalized(there, ProjectArchiveTest::hashOf));

        Set<String> before = urls(original);
        Set<String> after = urls(there);
        assertFalse(before.isEmpty());
        assertEquals(before.size(), after.size());
        try (Studio a = Studio.open(StudioConfig.load(env));
                Studio b = Studio.open(StudioConfig.load(other))) {
            Map<String, String> byHash = new HashMap<>();
            after.forEach(u -> byHash.put(hashOf(u), u));
            for (String url : before) {
                String target = byHash.get(hashOf(url));
                assertTrue(target.startsWith("s3://" + S3Fixture.BUCKET + "/"), target);
                try (InputStream x = a.media().open(url);
                        InputStream y = b.media().open(target)) {
                    assertArrayEquals(x.readAllBytes(), y.readAllBytes(), url);
                }
            }
        }
        Result verify = run(other, "media", "verify");
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        assertTrue(verify.out().contains(after.size() + " media URL(s) checked"), verify.out());

        // An editor timeline of the project on S3 names files beside it, not S3 addresses that expire
        Path timeline = dir.resolve("moved.fcpxml");
        Result fcpxml = run(other, "export", String.valueOf(moved), "--format", "fcpxml", "--out", timeline.toString());
        assertEquals(0, fcpxml.exit(), fcpxml.err());
        java.util.regex.Matcher src = Pattern.compile("src=\"([^\"]+)\"").matcher(Files.readString(timeline));
        int files = 0;
        while (src.find()) {
            Path gathered = Path.of(java.net.URI.create(src.group(1)));
            assertEquals(dir.resolve("moved.fcpxml-media"), gathered.getParent(), src.group(1));
            assertTrue(Files.size(gathered) > 0, src.group(1));
            files++;
        }
        assertTrue(files >= 2, "the clips and the voiceover: " + files);
    }

    @Test
    void aProjectRenderedAgainExportsAndImports(@TempDir Path dir) throws Exception {
        // the second render replaces every clip; the first final video still lists the clips it was made of
        Map<String, String> own = TestStudios.environment(dir.resolve("home"));
        Path story = Files.write(dir.resolve("ferry.fountain"), TestStudios.story("ferry.fountain"));
        Result first = run(own, "render", story.toString(), "--resolution", "192x108", "--fps", "6", "--json");
        assertEquals(0, first.exit(), first.err());
        int id = JSON.readTree(first.out()).get("inputRecordId").asInt();
        Result again = run(own, "render", "--project", String.valueOf(id), "--resolution", "256x144", "--json");
        assertEquals(0, again.exit(), again.err());
        Path file = dir.resolve("again.cinboard");
        Result exported = run(own, "project", "export", String.valueOf(id), "--out", file.toString());
        assertEquals(0, exported.exit(), exported.err());

        int copy = imported(run(own, "project", "import", file.toString()));
        Map<String, List<ObjectNode>> rows = rows(own, copy);
        assertTrue(
                rows(own, id).get("processing_statuses").stream()
                        .anyMatch(st -> st.path("phase_data").has("unit")),
                "the original's phases name the render units that ran them");
        for (ObjectNode status : rows.get("processing_statuses")) {
            assertFalse(status.path("phase_data").has("unit"), "the copy names no unit of the original: " + status);
        }
        Set<Integer> clips = new HashSet<>();
        rows.get("video_clips").forEach(c -> clips.add(c.get("id").asInt()));
        List<ObjectNode> finals = rows.get("final_videos");
        assertEquals(2, finals.size(), "both final videos are kept");
        for (ObjectNode fv : finals) {
            fv.get("video_clip_ids")
                    .forEach(c -> assertTrue(clips.contains(c.asInt()), "a clip of this project: " + c));
        }
        assertEquals(
                clips.size(),
                finals.get(finals.size() - 1).get("video_clip_ids").size(),
                "the latest final video names all of its clips");
        assertTrue(finals.get(0).get("video_clip_ids").isEmpty(), "the first one's clips were replaced");
    }

    @Test
    void damagedOrForeignArchivesAreRefusedWithOneLineAndStoreNothing(@TempDir Path dir) throws Exception {
        Path good = export(dir, "good.cinboard");
        Path otherHome = TestStudios.tempHome();
        Map<String, String> fresh = TestStudios.environment(otherHome);
        try (Studio opened = Studio.open(StudioConfig.load(fresh))) {
            assertTrue(opened.localUserId() > 0); // migrated, with its local profile, as any import finds it
        }
        Map<String, List<String>> rowsBefore = BackupRestoreTest.contents(fresh);
        List<String> mediaBefore = files(otherHome.resolve("media"));

        // One media file's bytes changed, the manifest left as it was.
        Path tampered = rewrite(good, dir.resolve("tampered.cinboard"), (name, data) -> {
            if (name.startsWith("media/") && data.length > 100) {
                data[data.length / 2] ^= 0x5a;
            }
            return data;
        });
        assertRefused(fresh, tampered, "does not match its checksum");

        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.cinboard"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
        assertRefused(fresh, truncated, "not a zip archive or it is truncated");

        Path text = Files.writeString(dir.resolve("notes.cinboard"), "not an archive");
        assertRefused(fresh, text, "not a zip archive");

        // A zip from elsewhere, with an entry that tries to climb out of any folder it were unpacked into.
        Path foreign = dir.resolve("foreign.cinboard");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(foreign))) {
            out.putNextEntry(new ZipEntry("../../escaped.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertRefused(fresh, foreign, "has no manifest.json");
        assertFalse(Files.exists(dir.getParent().resolve("escaped.txt")));

        // A media entry larger than its manifest says (a swapped file), and one that would inflate like a bomb.
        Path larger = rewrite(
                good,
                dir.resolve("larger.cinboard"),
                (name, data) -> name.startsWith("media/") ? Arrays.copyOf(data, data.length + 10) : data);
        assertRefused(fresh, larger, "larger than its manifest says");
        Path bomb = bomb(good, dir.resolve("bomb.cinboard"));
        assertRefused(fresh, bomb, "zip bomb");

        // A row that refers to a row the archive does not carry.
        Path dangling = rewrite(good, dir.resolve("dangling.cinboard"), (name, data) -> {
            if (!name.equals("manifest.json")) {
                return data;
            }
            ObjectNode doc = (ObjectNode) read(data);
            ((ObjectNode) doc.path("tables").path("keyframes").get(0)).put("scene_id", 999_999);
            return JSON.writeValueAsBytes(doc);
        });
        assertRefused(fresh, dangling, "keyframes.scene_id refers to a row (999999) it does not carry");

        // Values PostgreSQL would take but the studio can't read (the project could not even be deleted after),
        // and a row naming a file the archive does not carry.
        assertRefused(
                fresh,
                edited(good, dir, "status", doc -> row(doc, "input_records").put("status", "running")),
                "input_records.status = \"running\", which this studio can't read");
        assertRefused(
                fresh,
                edited(
                        good,
                        dir,
                        "phase",
                        doc -> row(doc, "processing_statuses").put("phase", "bogus")),
                "processing_statuses.phase = \"bogus\"");
        assertRefused(
                fresh, edited(good, dir, "lines", doc -> row(doc, "scenes").put("lines", "not lines")), "scenes.lines");
        assertRefused(
                fresh,
                edited(
                        good,
                        dir,
                        "aspect",
                        doc -> ((ObjectNode) row(doc, "input_records").path("render_settings")).put("aspect", "4:3")),
                "input_records.render_settings");
        assertRefused(
                fresh,
                edited(good, dir, "file-url", doc -> row(doc, "final_videos").put("video_url", "file:///etc/passwd")),
                "a row refers to media the archive does not carry (file:///etc/passwd)");

        assertEquals(rowsBefore, BackupRestoreTest.contents(fresh), "a refused import stores no row");
        assertEquals(mediaBefore, files(otherHome.resolve("media")), "a refused import stores no media");
        // And the good one still imports.
        imported(run(fresh, "project", "import", good.toString()));
    }

    @Test
    void badArgumentsExitTwoWithOneLine(@TempDir Path dir) {
        Result missing =
                run(env, "project", "import", dir.resolve("nope.cinboard").toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, missing.exit());
        assertEquals(
                "error: The archive " + dir.resolve("nope.cinboard") + " does not exist (or is not a file). Check the"
                        + " path.",
                missing.err().strip());

        Result unknown = run(
                env,
                "project",
                "export",
                "987654",
                "--out",
                dir.resolve("x.cinboard").toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, unknown.exit());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        assertTrue(unknown.err().contains("Project 987654 was not found"), unknown.err());

        Result name = run(
                env,
                "project",
                "export",
                String.valueOf(projectId),
                "--out",
                dir.resolve("x.zip").toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, name.exit());
        assertTrue(name.err().contains("must end in .cinboard"), name.err());

        Result folder = run(
                env,
                "project",
                "export",
                String.valueOf(projectId),
                "--out",
                dir.resolve("no/such/folder/x.cinboard").toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, folder.exit());
        assertTrue(folder.err().contains("does not exist"), folder.err());
        assertFalse(Files.exists(dir.resolve("x.cinboard")));
    }

    @Test
    void backupWithMediaRestoresTheFilesIntoAnEmptyHome(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("studio.backup");
        Result backup = run(env, "backup", "--with-media", file.toString());
        assertEquals(0, backup.exit(), backup.err());
        assertTrue(backup.out().contains(" media files ("), backup.out());

        Path otherHome = TestStudios.tempHome();
        Map<String, String> fresh = TestStudios.environment(otherHome);
        Result restore = run(fresh, "restore", file.toString());
        assertEquals(0, restore.exit(), restore.err());
        assertTrue(restore.out().contains(" media files from "), restore.out());
        Result verify = run(fresh, "media", "verify");
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        assertFalse(files(otherHome.resolve("media")).isEmpty());

        // A backup without --with-media restores its rows only, and then media verify names what is missing.
        Path plain = dir.resolve("plain.backup");
        assertEquals(0, run(env, "backup", plain.toString()).exit());
        Path emptyHome = TestStudios.tempHome();
        Map<String, String> bare = TestStudios.environment(emptyHome);
        assertEquals(0, run(bare, "restore", plain.toString()).exit());
        Result missing = run(bare, "media", "verify");
        assertEquals(1, missing.exit(), missing.out());
        assertTrue(missing.out().lines().anyMatch(l -> l.startsWith("missing ")), missing.out());
    }

    @Test
    void theWindowsViewModelExportsAndImportsThroughTheSameService(@TempDir Path dir) throws Exception {
        try (Studio studio = Studio.open(StudioConfig.load(env))) {
            Notifier notifier = new Notifier();
            ProjectModel model = new ProjectModel();
            model.load(studio.projectEdits(studio.localUserId()).loadProject(projectId));
            List<Integer> opened = new ArrayList<>();
            int[] refreshed = {0};
            ProjectArchiveViewModel vm = new ProjectArchiveViewModel(
                    studio.archives(studio.localUserId()),
                    new CurrentThreadTaskExecutor(),
                    notifier,
                    model,
                    opened::add,
                    () -> refreshed[0]++);
            assertTrue(vm.canExport());
            assertTrue(vm.suggestedName().endsWith(".cinboard"), vm.suggestedName());

            Path file = dir.resolve(vm.suggestedName());
            vm.exportTo(file);
            assertTrue(Files.size(file) > 0);
            assertFalse(vm.runningProperty().get());
            assertEquals(1.0, vm.progressProperty().get());
            assertEquals("Done.", vm.statusProperty().get());
            assertTrue(notifier.latestProperty().get().text().startsWith("Exported the project with "));

            vm.importFrom(file);
            assertEquals(1, opened.size(), "the imported project is opened");
            assertNotEquals(projectId, opened.get(0));
            assertEquals(1, refreshed[0], "the library is reloaded");
            assertTrue(notifier.latestProperty().get().text().contains("as project " + opened.get(0)));

            Path bad = Files.writeString(dir.resolve("bad.cinboard"), "not an archive");
            vm.importFrom(bad);
            assertEquals(Notifier.Level.ERROR, notifier.latestProperty().get().level());
            assertTrue(notifier.latestProperty().get().text().contains("not a usable CinBoard project archive"));
            assertEquals(1, opened.size());
            assertFalse(vm.runningProperty().get());

            ProjectArchiveViewModel demo = new ProjectArchiveViewModel(
                    null, new CurrentThreadTaskExecutor(), notifier, model, opened::add, () -> {});
            assertFalse(demo.canExport());
            demo.importFrom(file);
            assertTrue(notifier.latestProperty().get().text().contains("not available in this window"));
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Exit 2 and one error line (after any progress lines), naming the reason; no stack trace. */
    /** A copy of {@code good} whose manifest {@code change} edits, as a hand with a text editor would. */
    private static Path edited(Path good, Path dir, String name, java.util.function.Consumer<ObjectNode> change)
            throws Exception {
        return rewrite(good, dir.resolve(name + ".cinboard"), (entry, data) -> {
            if (!entry.equals("manifest.json")) {
                return data;
            }
            ObjectNode doc = (ObjectNode) read(data);
            change.accept(doc);
            return JSON.writeValueAsBytes(doc);
        });
    }

    private static ObjectNode row(ObjectNode manifest, String table) {
        return (ObjectNode) manifest.path("tables").path(table).get(0);
    }

    private static void assertRefused(Map<String, String> environment, Path file, String reason) {
        Result r = run(environment, "project", "import", file.toString());
        assertEquals(StudioCommand.EXIT_USER_ERROR, r.exit(), r.out() + r.err());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(1, lines.stream().filter(l -> l.startsWith("error: ")).count(), r.err());
        assertTrue(lines.stream().allMatch(l -> l.startsWith("error: ") || l.startsWith("import [")), r.err());
        String error = lines.get(lines.size() - 1);
        assertTrue(error.startsWith("error: " + file + " is not a usable CinBoard project archive: "), r.err());
        assertTrue(error.contains(reason), r.err());
        assertTrue(error.contains("Nothing was stored"), r.err());
    }

    private static void assertSameRows(Map<String, List<String>> expected, Map<String, List<String>> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((table, rows) -> {
            assertEquals(rows.size(), actual.get(table).size(), table);
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(rows.get(i), actual.get(table).get(i), table + " row " + i);
            }
        });
    }

    interface Rewrite {
        byte[] apply(String name, byte[] data) throws IOException;
    }

    private static Path rewrite(Path from, Path to, Rewrite change) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e : Collections.list(in.entries())) {
                byte[] data = change.apply(e.getName(), in.getInputStream(e).readAllBytes());
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
        return to;
    }

    /** The first media entry replaced by 64 MB of zeros (deflated to about 64 KB), declared as such. */
    private static Path bomb(Path from, Path to) throws IOException {
        long size = 64L * 1024 * 1024;
        try (ZipFile in = new ZipFile(from.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            JsonNode doc = read(in.getInputStream(in.getEntry("manifest.json")).readAllBytes());
            ObjectNode first = (ObjectNode) doc.path("media").get(0);
            first.put("size", size);
            String victim = "media/" + first.path("sha256").asText();
            for (ZipEntry e : Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals(victim)) {
                    byte[] zeros = new byte[1024 * 1024];
                    for (int i = 0; i < 64; i++) {
                        out.write(zeros);
                    }
                } else if (e.getName().equals("manifest.json")) {
                    out.write(JSON.writeValueAsBytes(doc));
                } else {
                    in.getInputStream(e).transferTo(out);
                }
                out.closeEntry();
            }
        }
        return to;
    }

    private static JsonNode read(byte[] data) throws IOException {
        return JSON.readTree(data);
    }

    private static List<String> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(Path::toString).sorted().toList();
        }
    }

    private static Map<String, List<ObjectNode>> rows(Map<String, String> environment, int id) throws Exception {
        try (Connection c = DriverManager.getConnection(environment.get("CINBOARD_DB_URL"), "postgres", null)) {
            return ProjectRows.read(c, id);
        }
    }

    private static String hashOf(String url) {
        Matcher m = Pattern.compile("sha256/../([0-9a-f]{64})\\.").matcher(url);
        assertTrue(m.find(), url);
        return m.group(1);
    }

    private static Set<String> urls(Map<String, List<ObjectNode>> rows) {
        Set<String> urls = new HashSet<>();
        rows.values().forEach(list -> list.forEach(r -> collect(r, urls)));
        return urls;
    }

    private static void collect(JsonNode n, Set<String> urls) {
        if (n.isTextual()
                && (n.asText().startsWith("media://local/") || n.asText().startsWith("s3://"))) {
            urls.add(n.asText());
        }
        n.forEach(child -> collect(child, urls));
    }

    /**
     * The schema's references, written out here rather than taken from the code under test: column, or JSON path
     * key, to the table whose ids it holds.
     */
    private static final Map<String, String> REFERENCES = Map.ofEntries(
            Map.entry("input_record_id", "input_records"),
            Map.entry("scene_id", "scenes"),
            Map.entry("character_images.character_id", "characters"),
            Map.entry("scene_characters.character_id", "characters"),
            Map.entry("keyframe_images.keyframe_id", "keyframes"),
            Map.entry("voiceover_id", "voiceovers"),
            Map.entry("keyframe_ids", "keyframes"),
            Map.entry("character_ids", "characters"),
            Map.entry("video_clip_ids", "video_clips"),
            Map.entry("clip_id", "video_clips"));

    /**
     * Each table's rows with every id replaced by the position of its row in its table (the rows are read in id
     * order), the owner left out and each media URL passed through {@code url}: equal for equal projects.
     */
    private static Map<String, List<String>> normalized(
            Map<String, List<ObjectNode>> rows, java.util.function.UnaryOperator<String> url) {
        Map<String, Map<Long, Integer>> position = new HashMap<>();
        rows.forEach((table, list) -> {
            Map<Long, Integer> p = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).has("id")) {
                    p.put(list.get(i).get("id").asLong(), i);
                }
            }
            position.put(table, p);
        });
        Map<String, List<String>> out = new TreeMap<>();
        rows.forEach((table, list) -> {
            List<String> normal = new ArrayList<>();
            for (ObjectNode row : list) {
                ObjectNode r = row.deepCopy();
                r.remove("id");
                r.remove("user_id");
                if (table.equals("input_records")) {
                    r.remove("created_at"); // an import is a new project, made when it is imported
                    r.remove("updated_at");
                }
                if (table.equals("processing_statuses") && r.get("phase_data") instanceof ObjectNode data) {
                    List.of("unit", "attempt", "worker").forEach(data::remove); // the original's runs
                }
                normal.add(replace(table, r, position, url, true).toString());
            }
            Collections.sort(normal); // a row's references are positions, so order doesn't matter
            out.put(table, normal);
        });
        return out;
    }

    private static JsonNode replace(
            String table,
            JsonNode node,
            Map<String, Map<Long, Integer>> position,
            java.util.function.UnaryOperator<String> url,
            boolean top) {
        if (node.isTextual()
                && (node.asText().startsWith("media://") || node.asText().startsWith("s3://"))) {
            return JSON.getNodeFactory().textNode(url.apply(node.asText()));
        }
        if (node.isArray()) {
            var a = JSON.createArrayNode();
            node.forEach(n -> a.add(replace(table, n, position, url, false)));
            return a;
        }
        if (node.isObject()) {
            ObjectNode o = JSON.createObjectNode();
            node.fields().forEachRemaining(f -> {
                String qualified = top ? REFERENCES.get(table + "." + f.getKey()) : null;
                // video_clips.clip_id is the clip's name ("clip-<fingerprint>"); inside JSON, clip_id is a row id.
                boolean name = top && table.equals("video_clips") && f.getKey().equals("clip_id");
                String target = qualified != null || name ? qualified : REFERENCES.get(f.getKey());
                JsonNode v = f.getValue();
                if (target != null && v.isIntegralNumber()) {
                    o.put(f.getKey(), "#" + position.get(target).get(v.asLong()));
                } else if (target != null && v.isArray()) {
                    var a = JSON.createArrayNode();
                    v.forEach(n -> a.add("#" + position.get(target).get(n.asLong())));
                    o.set(f.getKey(), a);
                } else {
                    o.set(f.getKey(), replace(table, v, position, url, false));
                }
            });
            return o;
        }
        return node;
    }

    private static void assertNoSharedIds(Map<String, List<ObjectNode>> a, Map<String, List<ObjectNode>> b) {
        a.forEach((table, rows) -> {
            Set<Long> ids = new HashSet<>();
            rows.stream()
                    .filter(r -> r.has("id"))
                    .forEach(r -> ids.add(r.get("id").asLong()));
            b.get(table).stream()
                    .filter(r -> r.has("id"))
                    .forEach(r -> assertFalse(ids.contains(r.get("id").asLong()), table + " id reused"));
            assertEquals(rows.size(), b.get(table).size(), table);
        });
    }

    record Shown(JsonNode doc) {
        Shown without(String field) {
            ObjectNode copy = (ObjectNode) doc.deepCopy();
            copy.remove(field);
            return new Shown(copy);
        }
    }

    private static Shown show(Map<String, String> environment, int id) throws IOException {
        Result r = run(environment, "project", "show", String.valueOf(id), "--json");
        assertEquals(0, r.exit(), r.err());
        return new Shown(JSON.readTree(r.out()));
    }
}
