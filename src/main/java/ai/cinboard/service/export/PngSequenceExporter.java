package ai.cinboard.service.export;

import ai.cinboard.domain.StudioException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The keyframes as numbered PNGs in a directory: {@code 0001_s01_k0.png} = first image, scene 1, keyframe
 * sequence 0. The running number keeps the files in edit order in any file browser. PNG files are copied
 * byte for byte; other formats are decoded and re-encoded as PNG.
 */
public final class PngSequenceExporter implements Exporter {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @Override
    public String format() {
        return "png";
    }

    @Override
    public String extension() {
        return "";
    }

    @Override
    public String label() {
        return "PNG image sequence (folder)";
    }

    @Override
    public void export(ExportJob job, Path out, ExportProgress progress) throws IOException {
        Files.createDirectories(out);
        EditDecisionList edl = job.edit();
        int total = edl.shotCount();
        int n = 0;
        for (SceneCut cut : edl.scenes()) {
            for (Shot shot : cut.shots()) {
                if (shot.imageUrl() == null) {
                    continue;
                }
                n++;
                int sequence = shot.keyframe() != null && shot.keyframe().sequence() != null
                        ? shot.keyframe().sequence()
                        : shot.number() - 1;
                String name = String.format(Locale.ROOT, "%04d_s%02d_k%d.png", n, cut.index(), sequence);
                byte[] bytes;
                try (InputStream in = job.media().open(shot.imageUrl())) {
                    bytes = in.readAllBytes();
                } catch (IOException e) {
                    throw new StudioException(
                            "Could not read the image of scene " + cut.index() + ", shot "
                                    + shot.number() + " (" + shot.imageUrl() + "): " + e.getMessage()
                                    + ". Check the media store, or generate the keyframe again.",
                            e);
                }
                Path target = out.resolve(name);
                if (bytes.length >= 8 && Arrays.equals(Arrays.copyOf(bytes, 8), PNG_SIGNATURE)) {
                    Files.write(target, bytes);
                } else {
                    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
                    if (image == null) {
                        throw new StudioException("The image of scene " + cut.index() + ", shot " + shot.number()
                                + " is not a picture Java can read (" + shot.imageUrl() + "). Generate it again.");
                    }
                    ImageIO.write(image, "png", target.toFile());
                }
                progress.update((double) n / Math.max(1, total), name);
            }
        }
        progress.update(1, n + " images written");
    }
}
