package ai.cinboard.service.export;

import ai.cinboard.domain.FinalVideo;
import ai.cinboard.domain.StudioException;
import ai.cinboard.media.ffmpeg.Transcoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * MP4 delivery: re-encodes the project's latest final video at the options' preset (1080p, 720p, 480p),
 * aspect ratio (16:9, 9:16, 1:1, reframed by centre crop or padding, never stretched) and quality (a target
 * video bitrate), with AAC 128 kbps audio, then records the delivery ({@code final_videos.delivered_at}).
 * <p>
 * The database stays out of this class: the app builds it with {@link #Mp4Exporter(FinalVideoDelivery)}, so
 * delivery is recorded by the same code as the plain "export final video" copy. Register it with
 * {@code Exporters.standard().with(new Mp4Exporter(delivery))}.
 */
public final class Mp4Exporter implements Exporter {
    private final IntConsumer delivered;

    /** @param delivered called with the final video's id once the file is in place */
    public Mp4Exporter(IntConsumer delivered) {
        this.delivered = Objects.requireNonNull(delivered, "delivered");
    }

    public Mp4Exporter(FinalVideoDelivery delivery) {
        this(delivery::recordDelivery);
    }

    @Override
    public String format() {
        return "mp4";
    }

    @Override
    public String extension() {
        return "mp4";
    }

    @Override
    public String label() {
        return "MP4 video";
    }

    /** The frame size and bitrate the options ask for. */
    public static Transcoder.Target target(ExportOptions o) {
        int[] size = o.mp4Preset().frameSize(o.aspectRatio());
        return new Transcoder.Target(
                size[0],
                size[1],
                o.mp4Preset().videoBitrate(o.aspectRatio(), o.mp4Quality()),
                o.reframe() == Reframe.PAD ? Transcoder.Mode.FIT : Transcoder.Mode.CROP);
    }

    @Override
    public void export(ExportJob job, Path out, ExportProgress progress) throws IOException {
        FinalVideo latest = job.project().finalVideos().stream()
                .filter(v ->
                        v.id() != null && v.videoUrl() != null && !v.videoUrl().isBlank())
                .max(Comparator.comparing(FinalVideo::id))
                .orElseThrow(() -> new StudioException(
                        "This project has no final video yet. Render it first, " + "then export the MP4."));
        ExportOptions o = job.options();
        Transcoder.Target target = target(o);
        String what = o.mp4Preset().label() + " " + o.aspectRatio().label() + " (" + target.width() + "x"
                + target.height() + ")";
        progress.update(0, "Reading the final video");
        Path source = Files.createTempFile("cinboard-final", ".mp4");
        try {
            try (InputStream in = job.media().open(latest.videoUrl())) {
                Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
            }
            Transcoder.transcode(
                    source,
                    out,
                    target,
                    (done, total) -> progress.update(
                            Math.min(1.0, done / (double) total) * 0.99,
                            "Encoding " + what + ": frame " + done + " of " + total));
        } finally {
            Files.deleteIfExists(source);
        }
        delivered.accept(latest.id());
        progress.update(1, "Wrote " + what);
    }
}
