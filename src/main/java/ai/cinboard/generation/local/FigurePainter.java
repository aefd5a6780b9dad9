package ai.cinboard.generation.local;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;

/**
 * Draws a character from its {@link Look}. Both the character sheet and the keyframes use this one painter, which
 * is what keeps a character recognisable between them. The figure is drawn in a unit box 100 wide and 250 high
 * (head at the top, feet at the bottom) and scaled into the caller's rectangle.
 */
final class FigurePainter {

    enum View {
        FRONT,
        THREE_QUARTER,
        PROFILE
    }

    /** How the arms are held: a new take may change it, the look never does. */
    enum Pose {
        ARMS_DOWN,
        HAND_RAISED,
        ARMS_OUT
    }

    enum Expression {
        NEUTRAL,
        SMILE,
        SURPRISED
    }

    static final double UNIT_W = 100;

    /** An arm from its shoulder at ({@code x}, {@code y}), turned {@code degrees} from hanging straight down. */
    private static void arm(Graphics2D g0, Look look, double x, double y, double degrees, double length) {
        Graphics2D g = (Graphics2D) g0.create();
        g.rotate(Math.toRadians(degrees), x, y);
        g.setColor(look.outfit());
        g.fill(new RoundRectangle2D.Double(x - 6.5, y - 4, 13, length, 10, 10));
        g.setColor(look.skin());
        g.fill(new Ellipse2D.Double(x - 7.5, y - 4 + length - 6, 15, 15));
        g.dispose();
    }

    static final double UNIT_H = 250;

    private FigurePainter() {}

    /**
     * Paints the figure with its feet at ({@code cx}, {@code baseY}) and total height {@code h} pixels (before the
     * look's own height factor). {@code facingLeft} mirrors three-quarter and profile views.
     */
    static void paint(
            Graphics2D g0,
            Look look,
            double cx,
            double baseY,
            double h,
            View view,
            Expression expr,
            boolean facingLeft) {
        paint(g0, look, cx, baseY, h, view, expr, facingLeft, Pose.ARMS_DOWN);
    }

    static void paint(
            Graphics2D g0,
            Look look,
            double cx,
            double baseY,
            double h,
            View view,
            Expression expr,
            boolean facingLeft,
            Pose pose) {
        Graphics2D g = (Graphics2D) g0.create();
        double scale = h * look.height() / UNIT_H;
        AffineTransform at = new AffineTransform();
        at.translate(cx, baseY);
        at.scale(facingLeft ? -scale : scale, scale);
        at.translate(0, -UNIT_H);
        g.transform(at);
        g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));

        // how far the face turns: features shift sideways and the far side narrows
        double turn = switch (view) {
            case FRONT -> 0;
            case THREE_QUARTER -> 0.45;
            case PROFILE -> 0.9;
        };
        Color outline = look.skin().darker().darker();

        double bodyW = 46 * look.bodyWidth() * (1 - 0.3 * turn);
        // legs
        g.setColor(look.outfit().darker().darker());
        g.fill(new RoundRectangle2D.Double(-bodyW * 0.42, 165, bodyW * 0.36, 82, 8, 8));
        g.fill(new RoundRectangle2D.Double(bodyW * 0.06, 165, bodyW * 0.36, 82, 8, 8));
        // torso
        g.setColor(look.outfit());
        Path2D torso = new Path2D.Double();
        torso.moveTo(-bodyW / 2, 78);
        torso.lineTo(bodyW / 2, 78);
        torso.lineTo(bodyW / 2 + 6, 175);
        torso.lineTo(-bodyW / 2 - 6, 175);
        torso.closePath();
        g.fill(torso);
        g.setColor(look.outfit().darker());
        g.draw(torso);
        // arms, each turned about its shoulder: down, raised (the near arm), or held out from the body
        double[] angles = switch (pose) {
            case ARMS_DOWN -> new double[] {0, 0};
            case HAND_RAISED -> new double[] {0, -150};
            case ARMS_OUT -> new double[] {35, -35};
        };
        double armLength = 78;
        arm(g, look, -bodyW / 2 - 6.5, 86, angles[0], armLength);
        arm(g, look, bodyW / 2 + 6.5, 86, angles[1], armLength);
        // accent stripe / belt
        g.setColor(look.accent());
        g.fill(new Ellipse2D.Double(-bodyW / 2 - 3, 140, bodyW + 6, 9));
        // neck
        g.setColor(look.skin());
        g.fill(new RoundRectangle2D.Double(-7, 62, 14, 20, 6, 6));

        double headW = 52 * look.headWidth() * (1 - 0.15 * turn);
        double headH = 62;
        double headX = -headW / 2 + 6 * turn;
        // hair behind the head (long hair, bob, bun)
        g.setColor(look.hair());
        switch (look.hairStyle()) {
            case LONG -> g.fill(new RoundRectangle2D.Double(headX - 6, 6, headW + 12, 92, 26, 26));
            case BOB -> g.fill(new RoundRectangle2D.Double(headX - 5, 4, headW + 10, 62, 30, 30));
            case BUN -> g.fill(new Ellipse2D.Double(-14 - 10 * turn, -14, 28, 26));
            default -> {}
        }
        // head
        Ellipse2D head = new Ellipse2D.Double(headX, 4, headW, headH);
        g.setColor(look.skin());
        g.fill(head);
        g.setColor(outline);
        g.draw(head);
        // ear on the visible side when turned
        if (turn > 0) {
            g.setColor(look.skin());
            g.fill(new Ellipse2D.Double(headX + headW * 0.12, 30, 10, 15));
        }
        // hair on top
        g.setColor(look.hair());
        switch (look.hairStyle()) {
            case SHORT, LONG, BUN, BOB -> g.fill(new Arc2D.Double(headX - 2, 0, headW + 4, 46, 0, 180, Arc2D.CHORD));
            case SPIKY -> {
                Path2D spikes = new Path2D.Double();
                spikes.moveTo(headX, 24);
                int n = 6;
                for (int i = 0; i <= n; i++) {
                    double x = headX + headW * i / n;
                    spikes.lineTo(x, i % 2 == 0 ? 18 : -8);
                }
                spikes.lineTo(headX + headW, 26);
                spikes.closePath();
                g.fill(spikes);
            }
            case BALD -> {}
        }

        // face: features centre moves toward the facing side as the head turns
        double fx = 14 * turn + (turn > 0.8 ? 6 : 0);
        double eyeGap = headW * 0.19 * (1 - 0.5 * turn);
        g.setColor(Color.WHITE);
        double eyeY = 30;
        boolean bothEyes = view != View.PROFILE;
        double eyeR = expr == Expression.SURPRISED ? 7 : 5.5;
        if (bothEyes) {
            g.fill(new Ellipse2D.Double(fx - eyeGap - eyeR, eyeY, eyeR * 2, eyeR * 1.6));
        }
        g.fill(new Ellipse2D.Double(fx + eyeGap - eyeR, eyeY, eyeR * 2, eyeR * 1.6));
        g.setColor(look.eyes());
        if (bothEyes) {
            g.fill(new Ellipse2D.Double(fx - eyeGap - 2.5 + turn * 2, eyeY + 1.5, 5, 5));
        }
        g.fill(new Ellipse2D.Double(fx + eyeGap - 2.5 + turn * 2, eyeY + 1.5, 5, 5));
        // nose
        g.setColor(outline);
        Path2D nose = new Path2D.Double();
        nose.moveTo(fx + 2 * turn, 40);
        nose.lineTo(fx + 4 + 8 * turn, 48);
        nose.lineTo(fx, 49);
        g.draw(nose);
        // mouth
        g.setColor(new Color(0x8A2E2E));
        switch (expr) {
            case NEUTRAL -> g.draw(new java.awt.geom.Line2D.Double(fx - 7 + 3 * turn, 55, fx + 7, 55));
            case SMILE -> g.draw(new Arc2D.Double(fx - 9 + 3 * turn, 47, 18, 12, 200, 140, Arc2D.OPEN));
            case SURPRISED -> g.fill(new Ellipse2D.Double(fx - 4 + 2 * turn, 51, 8, 10));
        }

        // accessory
        switch (look.accessory()) {
            case GLASSES -> {
                g.setColor(new Color(0x202020));
                g.setStroke(new BasicStroke(2f));
                if (bothEyes) {
                    g.draw(new Ellipse2D.Double(fx - eyeGap - 9, eyeY - 4, 18, 15));
                    g.draw(new java.awt.geom.Line2D.Double(fx - eyeGap + 9, eyeY + 3, fx + eyeGap - 9, eyeY + 3));
                }
                g.draw(new Ellipse2D.Double(fx + eyeGap - 9, eyeY - 4, 18, 15));
            }
            case HAT -> {
                g.setColor(look.accent().darker());
                g.fill(new RoundRectangle2D.Double(headX - 10, 8, headW + 20, 8, 4, 4));
                g.fill(new RoundRectangle2D.Double(headX + 6, -14, headW - 12, 26, 8, 8));
            }
            case SCARF -> {
                g.setColor(look.accent());
                g.fill(new RoundRectangle2D.Double(-bodyW / 2 + 2, 68, bodyW - 4, 16, 10, 10));
                g.fill(new RoundRectangle2D.Double(bodyW / 6, 76, 10, 36, 6, 6));
            }
            case EARRINGS -> {
                g.setColor(look.accent());
                g.fill(new Ellipse2D.Double(headX + headW - 6 - 20 * turn, 46, 7, 7));
                if (bothEyes) {
                    g.fill(new Ellipse2D.Double(headX - 1, 46, 7, 7));
                }
            }
            case NONE -> {}
        }
        g.dispose();
    }
}
