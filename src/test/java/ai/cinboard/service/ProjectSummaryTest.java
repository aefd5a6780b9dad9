package ai.cinboard.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A project's title is its story's title line or first line, short and printable wherever it is listed. */
class ProjectSummaryTest {
    @Test
    void theTitleIsShortAndHoldsNothingATerminalWouldActOn() {
        assertEquals("The Ferry", ProjectSummary.titleOf("\n\nTitle: The Ferry\nINT. DECK - NIGHT"));
        assertEquals("]0;pwnedThe Ferry", ProjectSummary.titleOf("\u001b]0;pwned\u0007The Ferry\nMore."));
        assertEquals("Untitled", ProjectSummary.titleOf("  \n "));
        assertEquals("The Red Kite", ProjectSummary.titleOf("# The Red Kite\n\nAda ran."), "a Markdown heading");
        assertEquals("Chapter One", ProjectSummary.titleOf("**Chapter One**\nAda ran."));
        String longLine = "x".repeat(80);
        assertEquals("x".repeat(59) + "…", ProjectSummary.titleOf(longLine));
    }
}
