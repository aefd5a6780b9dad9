package ai.cinboard.ui.viewmodel;

/** One take of a keyframe: its 1-based number, its image and its quality score ("–" when unscored). */
public record TakeItem(int number, String imageUrl, String quality) {}
