package ai.cinboard.pipeline;

import ai.cinboard.domain.MixSettings;
import ai.cinboard.domain.StudioException;
import ai.cinboard.media.MediaStores;
import ai.cinboard.media.StoredMedia;
import ai.cinboard.media.ffmpeg.MusicBed;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.RenderRepository;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A project's final-mix settings, changed from the command line or the window: the loudness target and the music
 * bed. The music file is validated before anything is stored, then kept in the media store like any other media,
 * and the settings are stored with the project, so every later render (and re-render) uses them. Changing them
 * makes the final video stale through its fingerprint.
 */
public final class ProjectMix {
    private final Database database;
    private final MediaStores media;

    public ProjectMix(Database database, MediaStores media) {
        this.database = database;
        this.media = media;
    }

    /** What the user asked to change; null fields keep the stored value. */
    public record Change(Double loudnessTarget, Path music, boolean removeMusic) {
        public Change {
            if (music != null && removeMusic) {
                throw new StudioException("Give either --music FILE or --no-music, not both.");
            }
            if (loudnessTarget != null && !MixSettings.LOUDNESS_PRESETS.contains(loudnessTarget)) {
                throw new StudioException("The loudness target " + loudnessTarget
                        + " is not offered: use -14 (streaming), -16 (podcast) or -23 (EBU R128 broadcast).");
            }
            if (music != null) {
                MusicBed.validate(music);
            }
        }

        public boolean isEmpty() {
            return loudnessTarget == null && music == null && !removeMusic;
        }
    }

    public MixSettings current(int projectId) {
        return new RenderRepository(database).mixSettings(projectId);
    }

    /** Applies the change (storing the music file first) and returns the settings now stored. */
    public MixSettings apply(int projectId, Change change) {
        RenderRepository repository = new RenderRepository(database);
        MixSettings settings = repository.mixSettings(projectId);
        if (change.isEmpty()) {
            return settings;
        }
        if (change.loudnessTarget() != null) {
            settings = settings.withLoudness(change.loudnessTarget());
        }
        if (change.removeMusic()) {
            settings = settings.withMusic(null, null);
        } else if (change.music() != null) {
            StoredMedia stored = media.putFile(change.music(), contentType(change.music()));
            settings = settings.withMusic(
                    stored.url(), change.music().getFileName().toString());
        }
        repository.saveMixSettings(projectId, settings);
        return settings;
    }

    private static String contentType(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".mp3")) {
            return "audio/mpeg";
        }
        if (n.endsWith(".wav")) {
            return "audio/wav";
        }
        if (n.endsWith(".flac")) {
            return "audio/flac";
        }
        return "audio/ogg";
    }
}
