package ai.cinboard.service.maintenance;

import ai.cinboard.domain.Sha256;
import ai.cinboard.domain.StudioException;
import ai.cinboard.media.MediaStore;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.mapper.SystemMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code media verify}: every media URL a row refers to (a URL column, an array or a JSON value) must name a
 * stored object that exists and whose SHA-256 is the one in its content-addressed name. A missing object or one
 * whose bytes differ (a short or damaged file) is a problem; so is a URL that names no hash.
 */
public final class MediaIntegrity {
    private static final Pattern HASHED = Pattern.compile("sha256/([0-9a-f]{2})/(\\1[0-9a-f]{62})\\.[a-z0-9]{1,10}$");

    /** One URL that failed, and why: {@code missing}, {@code corrupt}, {@code unnamed} or {@code unreadable}. */
    public record Problem(String url, String kind, String detail) {}

    /** What a check found: how many URLs were read back, their bytes, and every problem. */
    public record Result(int checked, long bytes, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final Database database;
    private final MediaStore media;

    public MediaIntegrity(Database database, MediaStore media) {
        this.database = database;
        this.media = media;
    }

    /** Reads back every referenced object in full; nothing is changed. */
    public Result check() {
        TreeSet<String> urls = database.read(s -> {
            try {
                Database.requireAllRows(s.getConnection(), "other users' media would go unchecked", "media verify");
            } catch (SQLException e) {
                throw new StudioException("Could not check the database role: " + e.getMessage(), e);
            }
            return new TreeSet<>(s.getMapper(SystemMapper.class).referencedMediaUrls());
        });
        List<Problem> problems = new ArrayList<>();
        long bytes = 0;
        for (String url : urls) {
            Matcher m = HASHED.matcher(url);
            if (!m.find()) {
                problems.add(new Problem(url, "unnamed", "the URL names no SHA-256"));
                continue;
            }
            String expected = m.group(2);
            try {
                if (!media.exists(url)) {
                    problems.add(new Problem(url, "missing", "no stored object"));
                    continue;
                }
                MessageDigest sha = Sha256.newDigest();
                long size = 0;
                try (InputStream in = media.open(url)) {
                    byte[] buf = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        sha.update(buf, 0, n);
                        size += n;
                    }
                }
                bytes += size;
                String actual = Sha256.toHex(sha.digest());
                if (!actual.equals(expected)) {
                    problems.add(new Problem(
                            url, "corrupt", size + " bytes whose SHA-256 is " + actual + ", not the name's"));
                }
            } catch (IOException | UncheckedIOException | StudioException e) {
                problems.add(new Problem(url, "unreadable", String.valueOf(e.getMessage())));
            }
        }
        return new Result(urls.size(), bytes, List.copyOf(problems));
    }
}
