package ai.cinboard.ui.view;

import ai.cinboard.service.ThumbnailPixels;
import ai.cinboard.ui.viewmodel.ThumbnailsViewModel;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * Binds image views to {@link ThumbnailsViewModel}: shows the pixels it delivers, or a placeholder that says why
 * there is no image (with the full reason as tooltip). A recycled cell's ImageView only receives the image it asked
 * for last.
 */
public final class Thumbnails {
    private final ThumbnailsViewModel vm;
    /** What each ImageView wants now; read off the FX thread to skip decoding for recycled cells. */
    private final Map<ImageView, String> wanted = java.util.Collections.synchronizedMap(new WeakHashMap<>());
    /** Placeholders drawn so far, by reason and size (a broken store fails the same way for every image). */
    private final Map<String, Image> placeholders = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Image> e) {
            return size() > 32;
        }
    };

    public Thumbnails(ThumbnailsViewModel vm) {
        this.vm = vm;
    }

    public ThumbnailsViewModel viewModel() {
        return vm;
    }

    /** Shows {@code url} in {@code view}, scaled to fit {@code w x h}. Call on the FX thread. */
    public void load(ImageView view, String url, int w, int h) {
        String key = ThumbnailsViewModel.key(url, w, h);
        if (key.equals(view.getUserData()) && view.getImage() != null) return; // a redraw of what it shows
        view.setUserData(key);
        wanted.put(view, key);
        if (url == null) {
            show(view, null, null);
            return;
        }
        ThumbnailPixels hit = vm.cached(url, w, h);
        if (hit != null) {
            show(view, image(hit), null);
            return;
        }
        view.setImage(null);
        vm.load(url, w, h, () -> key.equals(wanted.get(view)), result -> {
            if (!key.equals(view.getUserData())) return;
            if (result.failed()) {
                show(view, placeholder(result.error(), w, h), result.error());
            } else {
                show(view, image(result.pixels()), null);
            }
        });
    }

    private static void show(ImageView view, Image image, String error) {
        view.setImage(image);
        if (view.getProperties().remove("thumbnail-tooltip") instanceof Tooltip old) Tooltip.uninstall(view, old);
        if (error == null) {
            view.getStyleClass().remove("thumbnail-error");
            view.getProperties().remove("thumbnail-error");
        } else {
            if (!view.getStyleClass().contains("thumbnail-error"))
                view.getStyleClass().add("thumbnail-error");
            view.getProperties().put("thumbnail-error", error);
            Tooltip tip = new Tooltip(error);
            view.getProperties().put("thumbnail-tooltip", tip);
            Tooltip.install(view, tip);
        }
        view.setAccessibleText(error == null ? null : "No image: " + error);
    }

    /** The reason a view shows a placeholder, or null when it shows an image (tests read it). */
    public static String error(ImageView view) {
        return (String) view.getProperties().get("thumbnail-error");
    }

    private static Image image(ThumbnailPixels p) {
        return new WritableImage(new PixelBuffer<>(
                p.width(), p.height(), p.argbPremultiplied().duplicate(), PixelFormat.getIntArgbPreInstance()));
    }

    /** A dark frame with a warning sign and the reason, wrapped to fit. */
    private Image placeholder(String reason, int w, int h) {
        return placeholders.computeIfAbsent(reason + "@" + w + "x" + h, k -> {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = img.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setColor(new Color(0x2b2b30));
                g.fillRect(0, 0, w, h);
                g.setColor(new Color(0xd0a040));
                g.drawRect(0, 0, w - 1, h - 1);
                int size = Math.max(9, Math.min(14, h / 7));
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
                FontMetrics fm = g.getFontMetrics();
                g.drawString("⚠ No image", 6, 4 + fm.getAscent());
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
                fm = g.getFontMetrics();
                g.setColor(new Color(0xe0e0e0));
                int y = 8 + 2 * fm.getAscent();
                for (String line : wrap(reason, fm, w - 12)) {
                    if (y > h - 4) break;
                    g.drawString(line, 6, y);
                    y += fm.getHeight();
                }
            } finally {
                g.dispose();
            }
            return SwingFXUtils.toFXImage(img, null);
        });
    }

    private static List<String> wrap(String text, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() > 0 && fm.stringWidth(line + " " + word) > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }

    public static Image toFx(BufferedImage img) {
        return img == null ? null : SwingFXUtils.toFXImage(img, null);
    }
}
