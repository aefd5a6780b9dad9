package ai.cinboard.ui.viewmodel;

import ai.cinboard.ui.demo.InMemoryStudio;
import ai.cinboard.ui.task.CurrentThreadTaskExecutor;

/** A studio view model on the demo services with a current-thread executor: no toolkit. */
final class ViewModelFixture {
    final InMemoryStudio studio = new InMemoryStudio();
    final StudioViewModel vm =
            new StudioViewModel(studio, studio, studio, studio, studio, new CurrentThreadTaskExecutor());

    ViewModelFixture open() {
        vm.start();
        vm.openProject(1);
        return this;
    }

    String lastMessage() {
        Notifier.Message m = vm.notifier().latestProperty().get();
        return m == null ? null : m.text();
    }
}
