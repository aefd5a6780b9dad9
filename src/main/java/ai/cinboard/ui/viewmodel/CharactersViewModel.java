package ai.cinboard.ui.viewmodel;

import ai.cinboard.service.GenerationService;
import ai.cinboard.service.ProjectService;
import ai.cinboard.ui.undo.Command;
import ai.cinboard.ui.undo.CommandStack;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;

/** Characters: cards, gallery, description edits (which regenerate the reference, and on request its keyframes). */
public final class CharactersViewModel {
    private final ProjectModel model;
    private final ProjectService projects;
    private final GenerationService generation;
    private final CommandStack commands;
    private final Notifier notifier;
    private final EditSaver saver;
    private final ObjectProperty<CharacterCard> selected = new SimpleObjectProperty<>(this, "selected");

    public CharactersViewModel(
            ProjectModel model,
            ProjectService projects,
            GenerationService generation,
            CommandStack commands,
            Notifier notifier,
            EditSaver saver) {
        this.model = model;
        this.projects = projects;
        this.generation = generation;
        this.commands = commands;
        this.notifier = notifier;
        this.saver = saver;
        model.characters().addListener((javafx.collections.ListChangeListener<CharacterCard>) c -> {
            if (!model.characters().contains(selected.get())) {
                selected.set(
                        model.characters().isEmpty() ? null : model.characters().get(0));
            }
        });
    }

    /**
     * Makes take {@code take} of the selected character's reference sheet current (a click in its take strip), as
     * an undoable command. The keyframes drawn from the other take become stale.
     */
    public void useTake(int take) {
        CharacterCard c = selected.get();
        if (c == null || c.takeProperty().get() == take) return;
        TakeItem chosen =
                c.takes().stream().filter(t -> t.number() == take).findFirst().orElse(null);
        if (chosen == null) return;
        int oldTake = c.takeProperty().get();
        String oldUrl = c.imageUrl();
        commands.execute(new Command() {
            @Override
            public String description() {
                return "Use take " + take + " of " + c.name();
            }

            @Override
            public void execute() {
                set(take, chosen.imageUrl());
            }

            @Override
            public void undo() {
                set(oldTake, oldUrl);
            }

            private void set(int t, String url) {
                c.showTake(t, url);
                saver.save(description(), () -> projects.useCharacterTake(c.id(), t));
            }
        });
    }

    /**
     * {@code candidates} new takes of the selected character's reference sheet at once (1 is one new take); the
     * best scoring becomes current and the earlier takes stay in its take strip. Queued behind any description save
     * still on its way, so the takes are made from the saved description.
     */
    public void newTakesOfSelected(int candidates) {
        CharacterCard c = selected.get();
        if (c == null) return;
        saver.save(
                "New takes of " + c.name(),
                () -> generation.regenerateCharacter(c.id(), false, candidates),
                id -> notifier.info((candidates > 1
                                ? "Making " + candidates + " takes of " + c.name()
                                        + "; the best scoring becomes current"
                                : "Making a new take of " + c.name())
                        + " (job " + id + ")."));
    }

    public ObservableList<CharacterCard> characters() {
        return model.characters();
    }

    public ObjectProperty<CharacterCard> selectedProperty() {
        return selected;
    }
    /** What is stale in the project (a card marks a stale reference sheet). */
    public javafx.beans.property.ReadOnlyObjectProperty<ai.cinboard.service.ProjectStaleness> stalenessProperty() {
        return model.stalenessProperty();
    }

    /** Changes when a finished job updated the cards (new reference images): the view redraws them. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return model.revisionProperty();
    }

    /**
     * Changes the description (undoable, stored through the ordered write path), then regenerates the reference
     * image and, when {@code regenerateKeyframes}, every unlocked keyframe the character appears in. The
     * regeneration is queued as part of the same write, after the save, so it reads the saved description, and
     * runs only if the save succeeded. Undo and redo restore the text only.
     */
    public void editDescription(CharacterCard card, String newDescription, boolean regenerateKeyframes) {
        if (card == null || newDescription == null) return;
        String next = newDescription.strip();
        String old = card.descriptionProperty().get();
        if (next.isEmpty() || next.equals(old)) return;
        commands.execute(new Command() {
            private boolean regenerated;

            @Override
            public String description() {
                return "Edit " + card.name() + "'s description";
            }

            @Override
            public void execute() {
                card.descriptionProperty().set(next);
                if (regenerated) {
                    saver.save(description(), () -> projects.updateCharacterDescription(card.id(), next));
                    return;
                }
                regenerated = true;
                saver.save(
                        description(),
                        () -> {
                            projects.updateCharacterDescription(card.id(), next);
                            return generation.regenerateCharacter(card.id(), regenerateKeyframes);
                        },
                        id -> notifier.info("Regenerating " + card.name()
                                + (regenerateKeyframes ? " and the keyframes they appear in" : "") + " (job " + id
                                + ")."));
            }

            @Override
            public void undo() {
                card.descriptionProperty().set(old);
                saver.save(description(), () -> projects.updateCharacterDescription(card.id(), old));
            }
        });
    }
}
