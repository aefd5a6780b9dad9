package ai.cinboard.ui.view;

import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.Scene;

/** Style-class constants and the one theme switch point. Colours live in studio.css as looked-up colours. */
public final class Theme {
    public static final String STYLESHEET = Objects.requireNonNull(
                    Theme.class.getResource("/ai/cinboard/ui/studio.css"))
            .toExternalForm();
    public static final String DARK = "dark";
    public static final String TITLE = "cb-title";
    public static final String HEADING = "cb-heading";
    public static final String MUTED = "cb-muted";
    public static final String MONO = "cb-mono";
    public static final String CARD = "cb-card";
    public static final String PANEL = "cb-panel";
    public static final String TOOLBAR = "cb-toolbar";
    public static final String STATUS_BAR = "cb-status-bar";
    public static final String NOTIFICATION = "cb-notification";
    public static final String ERROR = "cb-error";
    public static final String ERROR_TEXT = "cb-error-text";
    public static final String THUMB = "cb-thumb";
    public static final String SELECTED = "cb-selected";
    public static final String BADGE = "cb-badge";
    /** A badge or mark for what no longer matches its inputs (render changes will make it again). */
    public static final String STALE = "cb-stale";

    public static final String STALE_TEXT = "cb-stale-text";
    public static final String TAKE = "cb-take";
    public static final String TAKE_NUMBER = "cb-take-number";
    public static final String PLAY_TIME = "cb-play-time";
    public static final String STATUS_OK = "cb-status-ok";
    public static final String STATUS_FAILED = "cb-status-failed";
    public static final String STATUS_RUNNING = "cb-status-running";
    public static final String SCENE_ROW = "cb-scene-row";
    public static final String DROP_TARGET = "cb-drop-target";
    public static final String TRIM_HANDLE = "cb-trim-handle";
    public static final String PREVIEW = "cb-preview";
    public static final String VERDICT_OK = "cb-verdict-ok";
    public static final String VERDICT_BLOCKED = "cb-verdict-blocked";

    private Theme() {}

    /** Installs the stylesheet and selects light or dark. */
    public static void apply(Scene scene, boolean dark) {
        if (!scene.getStylesheets().contains(STYLESHEET)) {
            scene.getStylesheets().add(STYLESHEET);
        }
        scene.getRoot().getStyleClass().remove(DARK);
        if (dark) {
            scene.getRoot().getStyleClass().add(DARK);
        }
    }

    public static boolean isDark(Scene scene) {
        return scene.getRoot().getStyleClass().contains(DARK);
    }

    public static <T extends Node> T styled(T node, String... classes) {
        node.getStyleClass().addAll(classes);
        return node;
    }

    /** Family used for text in Han/Kana/Hangul scripts (CSS cannot list fallbacks; JavaFX's own fallback may miss CJK). */
    public static final String CJK_FAMILY = "Noto Sans CJK JP";

    /**
     * Sets {@code text} on a labeled node and, when it contains CJK characters, switches the node to a CJK
     * font family so it does not render as boxes.
     */
    public static void setText(javafx.scene.control.Labeled node, String text) {
        node.setText(text);
        boolean cjk = text != null && text.codePoints().anyMatch(Theme::isCjk);
        node.setStyle(cjk ? "-fx-font-family: \"" + CJK_FAMILY + "\";" : "");
    }

    static boolean isCjk(int c) {
        Character.UnicodeScript s = Character.UnicodeScript.of(c);
        return s == Character.UnicodeScript.HAN
                || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA
                || s == Character.UnicodeScript.HANGUL;
    }

    /** Toggles a style class on a node. */
    public static void toggle(Node node, String styleClass, boolean on) {
        if (on) {
            if (!node.getStyleClass().contains(styleClass)) node.getStyleClass().add(styleClass);
        } else {
            node.getStyleClass().remove(styleClass);
        }
    }
}
