package ai.cinboard.generation.local;

import ai.cinboard.domain.Sha256;
import ai.cinboard.domain.StudioException;
import ai.cinboard.generation.ClipRequest;
import ai.cinboard.generation.GeneratedClip;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.VideoEngine;
import ai.cinboard.media.ffmpeg.AnimaticEncoder;
import ai.cinboard.media.ffmpeg.MediaInfo;
import ai.cinboard.media.ffmpeg.Wav;
import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;

/**
 * Animatic clips: each keyframe gets a slow Ken Burns move (zoom in or out plus a pan) and is shown from its time
 * (its {@code timing_seconds}, when its line begins to be said) to the next keyframe's, each change a short
 * crossfade centred on that time, as an editor's timeline of the stills cuts at it. The moves are seeded from the keyframes'
 * bytes, so the same scene always moves the same way. Encoded in-process to H.264/AAC by {@link AnimaticEncoder}.
 */
public final class LocalVideoEngine implements VideoEngine {
    public static final String NAME = "local";
    /** Longest crossfade; shorter when keyframes are closer together. */
    static final double MAX_CROSSFADE = 0.6;

    /** One keyframe's camera move: zoom and centre (fractions of the image) at the start and end of its span. */
    record Move(double zoomFrom, double zoomTo, double cxFrom, double cyFrom, double cxTo, double cyTo) {
        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("zoom_from", r3(zoomFrom));
            m.put("zoom_to", r3(zoomTo));
            m.put("pan_from", List.of(r3(cxFrom), r3(cyFrom)));
            m.put("pan_to", List.of(r3(cxTo), r3(cyTo)));
            return m;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The engine with the version of its animation: 2 shows each keyframe from its time, the crossfade centred on
     * it. What an earlier version made is stale.
     */
    @Override
    public String identity() {
        return NAME + "/2";
    }

    @Override
    public GeneratedClip clip(ClipRequest req, Progress progress) {
        if (req.keyframes() == null || req.keyframes().isEmpty()) {
            throw new StudioException("The scene has no keyframes to animate. Generate its keyframes first.");
        }
        if (req.durationSeconds() <= 0 || req.fps() <= 0) {
            throw new StudioException("A clip needs a positive duration and frame rate (got " + req.durationSeconds()
                    + " s at " + req.fps() + " fps).");
        }
        int w = req.width();
        int h = req.height();
        int n = req.keyframes().size();
        List<BufferedImage> frames = new ArrayList<>();
        MessageDigest sha = Sha256.newDigest();
        for (Path p : req.keyframes()) {
            try {
                byte[] bytes = Files.readAllBytes(p);
                sha.update(bytes);
                BufferedImage src = ImageIO.read(new ByteArrayInputStream(bytes));
                if (src == null) {
                    throw new StudioException("The keyframe " + p + " is not an image. Regenerate it.");
                }
                frames.add(src);
            } catch (IOException e) {
                throw new StudioException(
                        "Cannot read the keyframe " + p + ": " + e.getMessage() + ". Regenerate the scene's keyframes.",
                        e);
            }
        }
        byte[] d = sha.digest();
        long seed = 0;
        for (int i = 0; i < 8; i++) {
            seed = (seed << 8) | (d[i] & 0xff);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Move> moves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            moves.add(randomMove(rnd));
        }
        double duration = req.durationSeconds();
        double[] times = keyframeTimes(req.keyframeTimes(), n, duration);
        // the change from keyframe i to i + 1: a crossfade centred on i + 1's time
        double[] cfStart = new double[n];
        double[] cfLen = new double[n];
        for (int i = 0; i + 1 < n; i++) {
            double gap = times[i + 1] - times[i];
            cfLen[i] = Math.min(MAX_CROSSFADE, Math.max(0, gap * 0.5));
            cfStart[i] = Math.min(duration - cfLen[i], times[i + 1] - cfLen[i] / 2);
        }

        long total = Math.round(duration * req.fps());
        Wav audio = req.audio() == null ? null : Wav.read(req.audio());
        Path out = req.output().toAbsolutePath();
        Path tmp = out.resolveSibling("." + out.getFileName() + ".part.mp4");
        // Two canvases: one frame is drawn while the one before it is encoded on a thread of its own, so a clip
        // takes about the longer of the two rather than their sum (a render changes that makes one clip waits on it).
        BufferedImage[] canvases = {
            new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR), new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR)
        };
        ExecutorService encoding = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "clip-encode");
            t.setDaemon(true);
            return t;
        });
        MediaInfo info;
        try (AnimaticEncoder enc = new AnimaticEncoder(tmp, w, h, req.fps(), audio)) {
            Future<?> encodingPrevious = null;
            for (long f = 0; f < total; f++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new StudioException("Clip rendering was cancelled.");
                }
                double t = f / (double) req.fps();
                int i = 0;
                while (i + 1 < n && t >= cfStart[i] + cfLen[i]) {
                    i++;
                }
                BufferedImage canvas = canvases[(int) (f % 2)];
                Graphics2D g = canvas.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED);
                draw(g, frames.get(i), moves.get(i), spanFraction(t, i, n, cfStart, cfLen, duration), w, h);
                if (i + 1 < n && t >= cfStart[i] && cfLen[i] > 0) {
                    float alpha = (float) ((t - cfStart[i]) / cfLen[i]);
                    g.setComposite(
                            AlphaComposite.getInstance(AlphaComposite.SRC_OVER, Math.min(1f, Math.max(0f, alpha))));
                    draw(
                            g,
                            frames.get(i + 1),
                            moves.get(i + 1),
                            spanFraction(t, i + 1, n, cfStart, cfLen, duration),
                            w,
                            h);
                }
                g.dispose();
                awaitEncoded(encodingPrevious); // the other canvas is free again, and frames stay in order
                encodingPrevious = encoding.submit(() -> enc.writeFrame(canvas));
                if (f % Math.max(1, req.fps()) == 0) {
                    progress.report(0.95 * f / total, "Frame " + f + " of " + total);
                }
            }
            awaitEncoded(encodingPrevious);
            info = enc.finish();
        } finally {
            encoding.shutdownNow();
        }
        try {
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StudioException("Cannot store the clip " + out + ": " + e.getMessage(), e);
        }
        progress.report(1, "Clip done");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("engine", NAME);
        params.put("seed", seed);
        params.put("width", w);
        params.put("height", h);
        params.put("fps", req.fps());
        params.put("frames", total);
        params.put("video_codec", info.videoCodec());
        params.put("audio_codec", info.audioCodec());
        params.put("keyframe_times", java.util.Arrays.stream(times).boxed().toList());
        params.put(
                "crossfade_seconds",
                java.util.Arrays.stream(cfLen, 0, Math.max(0, n - 1)).boxed().toList());
        params.put("camera_moves", moves.stream().map(Move::describe).toList());
        params.put("audio", req.audio() != null);
        return new GeneratedClip(out, total / (double) req.fps(), params);
    }

    private static void awaitEncoded(Future<?> frame) {
        if (frame == null) {
            return;
        }
        try {
            frame.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StudioException("Clip rendering was cancelled.", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new StudioException("Encoding the clip failed: " + e.getCause(), e.getCause());
        }
    }

    /** Where in its own move keyframe {@code i} is at time {@code t}: 0 at the start of its span, 1 at the end. */
    private static double spanFraction(double t, int i, int n, double[] cfStart, double[] cfLen, double duration) {
        double start = i == 0 ? 0 : cfStart[i - 1];
        double end = i + 1 < n ? cfStart[i] + cfLen[i] : duration;
        return end <= start ? 0 : Math.max(0, Math.min(1, (t - start) / (end - start)));
    }

    private static Move randomMove(SplittableRandom rnd) {
        // zoom in or out by 8-20 %; keep the move gentle so text in the caption stays readable
        double z0 = 1.0 + rnd.nextDouble() * 0.05;
        double z1 = z0 + 0.08 + rnd.nextDouble() * 0.12;
        boolean zoomIn = rnd.nextBoolean();
        return new Move(
                zoomIn ? z0 : z1,
                zoomIn ? z1 : z0,
                0.5 + (rnd.nextDouble() - 0.5) * 0.12,
                0.5 + (rnd.nextDouble() - 0.5) * 0.08,
                0.5 + (rnd.nextDouble() - 0.5) * 0.12,
                0.5 + (rnd.nextDouble() - 0.5) * 0.08);
    }

    /** Margin of the safe area the keyframe caption must stay in, as a fraction of the frame's width and height. */
    static final double SAFE_MARGIN = 0.03;

    private static void draw(Graphics2D g, BufferedImage img, Move m, double u, int w, int h) {
        // ease in and out, so moves start and stop without a jolt
        double e = u * u * (3 - 2 * u);
        double zoom = m.zoomFrom() + (m.zoomTo() - m.zoomFrom()) * e;
        double cx = m.cxFrom() + (m.cxTo() - m.cxFrom()) * e;
        double cy = m.cyFrom() + (m.cyTo() - m.cyFrom()) * e;
        double cover = Math.max(w / (double) img.getWidth(), h / (double) img.getHeight());
        // the caption must stay readable through the move: zoom no further than its region fits the safe area
        Rectangle2D.Double cap = Framing.of(img.getWidth(), img.getHeight()).captionText();
        double mx = w * SAFE_MARGIN;
        double my = h * SAFE_MARGIN;
        zoom = Math.max(
                1,
                Math.min(
                        zoom,
                        Math.min(
                                (w - 2 * mx) / (cap.width * img.getWidth() * cover),
                                (h - 2 * my) / (cap.height * img.getHeight() * cover))));
        double scale = zoom * cover;
        double sw = img.getWidth() * scale;
        double sh = img.getHeight() * scale;
        // place the chosen centre at the frame centre, then clamp so the image always covers the frame and the
        // caption region lies inside the safe area
        double x = w / 2.0 - cx * sw;
        double y = h / 2.0 - cy * sh;
        x = clamp(x, Math.max(w - sw, mx - cap.x * sw), Math.min(0, w - mx - (cap.x + cap.width) * sw));
        y = clamp(y, Math.max(h - sh, my - cap.y * sh), Math.min(0, h - my - (cap.y + cap.height) * sh));
        AffineTransform at = new AffineTransform();
        at.translate(x, y);
        at.scale(scale, scale);
        g.drawImage(img, at, null);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    static double[] keyframeTimes(List<Double> given, int n, double duration) {
        double[] t = new double[n];
        boolean usable = given != null && given.size() == n;
        for (int i = 0; i < n && usable; i++) {
            Double v = given.get(i);
            usable = v != null && v >= 0 && v <= duration && (i == 0 || v >= given.get(i - 1));
        }
        for (int i = 0; i < n; i++) {
            // without usable times, spread the keyframes evenly: each from the start of its share
            t[i] = usable ? given.get(i) : duration * i / n;
        }
        return t;
    }

    private static double r3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LocalVideoEngine[%s]", NAME);
    }
}
