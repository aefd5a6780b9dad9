package ai.cinboard.service;

import java.util.List;

/**
 * What intake found before any generation starts: shown in the New project dialog.
 *
 * @param detectedLanguage   ISO 639-1 code, e.g. "en", "ja"
 * @param languageConfidence 0..1
 * @param policyAllowed      false when the content policy blocks the input
 * @param policyReasons      the policy's reasons (empty when allowed)
 * @param sceneCount         scenes the breakdown would produce
 * @param characterNames     characters the breakdown found
 * @param validationProblems validation problems (empty when valid); non-empty means it cannot be rendered
 */
public record AnalysisPreview(
        String detectedLanguage,
        double languageConfidence,
        boolean policyAllowed,
        List<String> policyReasons,
        int sceneCount,
        List<String> characterNames,
        List<String> validationProblems) {
    public boolean canRender() {
        return policyAllowed && validationProblems.isEmpty();
    }
}
