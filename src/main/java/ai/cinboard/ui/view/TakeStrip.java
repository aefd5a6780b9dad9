package ai.cinboard.ui.view;

import ai.cinboard.ui.viewmodel.TakeItem;
import java.util.List;
import java.util.function.IntConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

/**
 * The takes of a keyframe or a character side by side, as small thumbnails numbered from 1, the current one
 * marked. A press on one hands its number to {@code onChoose}. Scrolls sideways when there are many.
 */
public final class TakeStrip extends ScrollPane {
    private final Thumbnails thumbnails;
    private final IntConsumer onChoose;
    private final HBox strip = new HBox(6);
    private final int width, height;
    private final String nodePrefix;
    private List<TakeItem> shown = List.of();

    /** {@code id} names the strip; each take is {@code nodePrefix + number} ("take-2"). */
    public TakeStrip(String id, String nodePrefix, Thumbnails thumbnails, int width, int height, IntConsumer onChoose) {
        this.nodePrefix = nodePrefix;
        this.thumbnails = thumbnails;
        this.onChoose = onChoose;
        this.width = width;
        this.height = height;
        strip.setId(id);
        strip.setAlignment(Pos.CENTER_LEFT);
        strip.setMinHeight(height + 8);
        setContent(strip);
        setFitToHeight(true);
        setVbarPolicy(ScrollBarPolicy.NEVER);
        setMinHeight(height + 14);
        setPrefHeight(height + 14);
    }

    /** Shows {@code takes} with take {@code current} marked; rebuilt only when the takes themselves changed. */
    public void show(List<TakeItem> takes, int current) {
        if (!takes.equals(shown)) {
            shown = List.copyOf(takes);
            strip.getChildren().clear();
            for (TakeItem t : shown) strip.getChildren().add(node(t));
        }
        for (Node n : strip.getChildren()) {
            Theme.toggle(n, Theme.SELECTED, ((TakeItem) n.getUserData()).number() == current);
        }
    }

    public HBox strip() {
        return strip;
    }

    private StackPane node(TakeItem t) {
        ImageView v = new ImageView();
        v.setFitWidth(width);
        v.setFitHeight(height);
        v.setPreserveRatio(true);
        thumbnails.load(v, t.imageUrl(), width, height);
        Label number = Theme.styled(new Label(String.valueOf(t.number())), Theme.TAKE_NUMBER);
        StackPane.setAlignment(number, Pos.BOTTOM_LEFT);
        StackPane.setMargin(number, new Insets(2));
        StackPane node = Theme.styled(new StackPane(v, number), Theme.THUMB, Theme.TAKE);
        node.setId(nodePrefix + t.number());
        node.setUserData(t);
        node.setPrefSize(width + 4, height + 4);
        node.setMaxSize(width + 4, height + 4);
        Tooltip.install(node, new Tooltip("Take " + t.number() + " · quality score " + t.quality()));
        // On press, not click: a refresh between press and release would lose a click (as for the storyboard).
        node.setOnMousePressed(e -> onChoose.accept(t.number()));
        return node;
    }
}
