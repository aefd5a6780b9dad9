package ai.cinboard.pipeline;

import ai.cinboard.domain.Character;
import ai.cinboard.generation.local.QualityScores;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Quality scores of images, including a keyframe's consistency with its lead character's reference. */
final class Scoring {
    private Scoring() {}

    static BigDecimal keyframe(
            RenderContext ctx, String url, Map<String, Object> params, Character lead, byte[] reference) {
        if (lead == null || reference == null) {
            return quality(ctx, url, null, null, null);
        }
        Rectangle figure = region(params.get("head_regions"), lead.characterName());
        Rectangle referenceRegion = region(
                lead.generationParams() == null ? null : lead.generationParams().get("head_region"), null);
        return quality(ctx, url, figure, reference, referenceRegion);
    }

    static BigDecimal quality(
            RenderContext ctx, String url, Rectangle region, byte[] reference, Rectangle referenceRegion) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(ctx.readAll(url)));
            BufferedImage ref = reference == null ? null : ImageIO.read(new ByteArrayInputStream(reference));
            return QualityScores.keyframe(image, region, ref, referenceRegion);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a box stored as [x, y, w, h], or from a map of boxes by character name. */
    @SuppressWarnings("unchecked")
    static Rectangle region(Object value, String name) {
        Object box = value;
        if (value instanceof Map<?, ?> byName) {
            box = byName.get(name);
        } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof List<?>) {
            box = list.get(0);
        }
        if (box instanceof List<?> l && l.size() == 4 && l.get(0) instanceof Number) {
            List<Number> n = (List<Number>) l;
            return new Rectangle(
                    n.get(0).intValue(),
                    n.get(1).intValue(),
                    n.get(2).intValue(),
                    n.get(3).intValue());
        }
        return null;
    }
}
