package ai.cinboard.ui.view;

import ai.cinboard.ui.viewmodel.HealthViewModel;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * The status bar's health: "database ok · cache ok · media ok · disk ok". The timer only asks the view model
 * to refresh; the checks themselves run on the background executor. A click opens the System status view.
 */
public final class HealthIndicator extends Label {
    static final Duration INTERVAL = Duration.seconds(30);
    private final HealthViewModel vm;
    private final Timeline timer;

    public HealthIndicator(HealthViewModel vm, Runnable onClick) {
        this.vm = vm;
        setId("status-health");
        setCursor(Cursor.HAND);
        textProperty().bind(vm.summaryProperty());
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(vm.detailsProperty());
        setTooltip(tip);
        vm.healthyProperty().addListener((o, a, ok) -> {
            Theme.toggle(this, Theme.STATUS_FAILED, !ok);
            Theme.toggle(this, Theme.STATUS_OK, ok);
        });
        Theme.toggle(this, Theme.STATUS_OK, true);
        setOnMouseClicked(e -> onClick.run());
        timer = new Timeline(new KeyFrame(INTERVAL, e -> vm.refresh()));
        timer.setCycleCount(Timeline.INDEFINITE);
    }

    /** Checks now, then every {@link #INTERVAL}. */
    public void start() {
        FxThread.require("HealthIndicator.start");
        vm.refresh();
        timer.play();
    }

    /** Stops the timer. On the FX thread only: the pulse reads the toolkit's animation list. */
    public void stop() {
        FxThread.require("HealthIndicator.stop");
        timer.stop();
    }
}
