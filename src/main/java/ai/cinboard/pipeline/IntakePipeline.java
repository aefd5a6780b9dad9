package ai.cinboard.pipeline;

import ai.cinboard.domain.Character;
import ai.cinboard.domain.InputRecord;
import ai.cinboard.domain.Phase;
import ai.cinboard.domain.RecordStatus;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.SceneCharacter;
import ai.cinboard.domain.StudioException;
import ai.cinboard.persistence.Database;
import ai.cinboard.persistence.mapper.CharacterMapper;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.persistence.mapper.SceneCharacterMapper;
import ai.cinboard.persistence.mapper.SceneMapper;
import ai.cinboard.text.InputValidator;
import ai.cinboard.text.LanguageDetector;
import ai.cinboard.text.StoryDecoder;
import ai.cinboard.text.breakdown.Breakdown;
import ai.cinboard.text.breakdown.CharacterDraft;
import ai.cinboard.text.breakdown.SceneDraft;
import ai.cinboard.text.breakdown.StoryBreakdown;
import ai.cinboard.text.policy.ContentPolicy;
import ai.cinboard.text.policy.PolicyVerdict;
import ai.cinboard.text.translate.TranslationOutcome;
import ai.cinboard.text.translate.Translator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first half of the pipeline: a story becomes an input record with scenes and characters. Each phase
 * (validation, language detection, translation, content policy, scene breakdown) writes its own status
 * row. Refused or blocked input stops at its phase with {@link InputRefusedException}.
 */
public final class IntakePipeline {
    private final Database database;
    /** Hears every phase change of every run, e.g. the shared status board. */
    private final PhaseListener always;

    private final StoryDecoder decoder;
    private final InputValidator validator;
    private final LanguageDetector detector;
    /** {@link Translator#none()} when no engine is configured: the phase is then skipped with that reason. */
    private final Translator translator;

    private final String translateTo;
    private final ContentPolicy policy;
    private final StoryBreakdown breakdown;

    public IntakePipeline(
            Database database,
            StoryDecoder decoder,
            InputValidator validator,
            LanguageDetector detector,
            Translator translator,
            String translateTo,
            ContentPolicy policy,
            StoryBreakdown breakdown,
            PhaseListener always) {
        this.database = database;
        this.always = always;
        this.decoder = decoder;
        this.validator = validator;
        this.detector = detector;
        this.translator = translator;
        this.translateTo = translateTo;
        this.policy = policy;
        this.breakdown = breakdown;
    }

    /** What intake produced: the record's id, the detection, the verdict and the breakdown. */
    public record Result(
            int projectId,
            LanguageDetector.Detection language,
            TranslationOutcome translation,
            PolicyVerdict verdict,
            Breakdown breakdown) {}

    /**
     * Runs intake on a new input record. Input that isn't a readable story (a wrong file type, empty, too long,
     * binary, a wrong encoding) is refused with a {@link StudioException} before anything is stored; a story the
     * content policy blocks is kept with its verdict ({@link InputRefusedException}).
     */
    public Result run(StoryInput input, PhaseListener listener) {
        return run(check(input), listener);
    }

    /** {@link #run(StoryInput, PhaseListener)} of a story already checked. */
    public Result run(CheckedStory story, PhaseListener listener) {
        StoryInput input = story.input();
        int recordId = database.inTransaction(s -> s.getMapper(InputRecordMapper.class)
                .insert(InputRecord.newRecord(
                        input.userId(), story.raw(), input.sessionId(), input.ipAddress(), input.userAgent())));
        return intake(recordId, story, listener);
    }

    /**
     * This user's latest project of exactly this story when it did not finish, so rendering the story again
     * resumes it instead of starting a second one. Finished, refused and blocked projects are not unfinished.
     */
    public Optional<Unfinished> unfinished(CheckedStory story) {
        return database.read(s -> {
            InputRecord latest = s.getMapper(InputRecordMapper.class)
                    .findLatestByUserAndInput(story.input().userId(), story.raw()); // as intake stores it
            if (latest == null
                    || latest.status() == RecordStatus.COMPLETED
                    || latest.status() == RecordStatus.REFUSED
                    || latest.status() == RecordStatus.BLOCKED) {
                return Optional.empty();
            }
            boolean intakeDone = !s.getMapper(SceneMapper.class)
                    .listByInputRecord(latest.id())
                    .isEmpty();
            return Optional.of(new Unfinished(latest.id(), intakeDone));
        });
    }

    /**
     * An unfinished project: {@code intakeDone} once its scenes are stored (scenes and characters are stored in one
     * transaction, so a project has all of them or none).
     */
    public record Unfinished(int recordId, boolean intakeDone) {}

    /**
     * Runs intake again on an unfinished record that has no scenes yet (killed or failed before the breakdown was
     * stored): every phase runs and records its status again on the same record.
     */
    public Result resume(int recordId, CheckedStory story, PhaseListener listener) {
        boolean hasScenes = database.read(
                s -> !s.getMapper(SceneMapper.class).listByInputRecord(recordId).isEmpty());
        if (hasScenes) {
            throw new IllegalStateException("Project " + recordId + " finished intake already; render it instead.");
        }
        return intake(recordId, story, listener);
    }

    /** A story as it arrived ({@code raw}, decoded) and as validation cleaned it. */
    public record CheckedStory(StoryInput input, String raw, InputValidator.Result valid) {}

    /**
     * Reads and validates the input before anything is stored: a file of the wrong type is refused unread, and
     * text that can't be decoded or isn't a story throws, so bad input leaves no record behind.
     */
    public CheckedStory check(StoryInput input) {
        String raw = decoder.decode(input.bytes(), input.fileName()).text();
        return new CheckedStory(input, raw, validator.validate(raw));
    }

    private Result intake(int recordId, CheckedStory checked, PhaseListener listener) {
        StoryInput input = checked.input();
        PhaseRecorder recorder = new PhaseRecorder(database, listener, always);

        // validation (done before the record was stored; recorded here with what it changed)
        PhaseRecorder.Run validation = recorder.start(recordId, Phase.VALIDATION);
        InputValidator.Result valid = checked.valid();
        String text = valid.text();
        updateRecord(recordId, r -> with(r, b -> b.validationResult = valid.changes()));
        validation.complete(Map.of("length", text.codePointCount(0, text.length())));

        // language detection
        PhaseRecorder.Run detecting = recorder.start(recordId, Phase.LANGUAGE_DETECTION);
        LanguageDetector.Detection language;
        try {
            language = detector.detect(text);
        } catch (RuntimeException e) {
            throw failed(detecting, recordId, e);
        }
        updateRecord(
                recordId,
                r -> with(r, b -> {
                    b.detectedLanguage = language.language();
                    b.languageConfidence = language.confidence();
                }));
        detecting.complete(language.toJson());

        // translation
        PhaseRecorder.Run translating = recorder.start(recordId, Phase.TRANSLATION);
        TranslationOutcome translation;
        try {
            translation = translator.translate(text, language.language(), translateTo);
        } catch (RuntimeException e) {
            throw failed(translating, recordId, e);
        }
        TranslationOutcome translated = translation;
        updateRecord(recordId, r -> with(r, b -> b.translationResult = translated.toJson()));
        if (translation.isSkipped()) {
            translating.skip(translation.reason(), translation.toJson());
        } else {
            translating.complete(Map.of("engine", translation.engine(), "cached", translation.cached()));
        }

        // content policy
        PhaseRecorder.Run screening = recorder.start(recordId, Phase.CONTENT_POLICY);
        PolicyVerdict verdict;
        try {
            verdict = policy.check(text, language.language());
        } catch (RuntimeException e) {
            throw failed(screening, recordId, e);
        }
        updateRecord(recordId, r -> with(r, b -> b.contentPolicyCheck = verdict.toJson()));
        if (verdict.blocked()) {
            String reasons = String.join("; ", verdict.reasons());
            String message =
                    "The story was blocked by the content policy: " + reasons + ". Remove that content and try again.";
            screening.block(message, verdict.toJson());
            throw new InputRefusedException(recordId, RecordStatus.BLOCKED, message);
        }
        screening.complete(Map.of("verdict", verdict.verdict().name().toLowerCase()));

        // scene breakdown
        PhaseRecorder.Run breaking = recorder.start(recordId, Phase.SCENE_BREAKDOWN);
        Breakdown result;
        try {
            result = breakdown.breakdown(text, input.fileName(), language);
            persist(recordId, result);
        } catch (RuntimeException e) {
            throw failed(breaking, recordId, e);
        }
        breaking.complete(Map.of(
                "scenes",
                result.scenes().size(),
                "characters",
                result.characters().size(),
                "method",
                result.method()));
        setStatus(recordId, RecordStatus.ANALYZED, Phase.SCENE_BREAKDOWN);
        return new Result(recordId, language, translation, verdict, result);
    }

    /** Scenes, characters and who appears where, in one transaction. */
    private void persist(int recordId, Breakdown result) {
        database.useTransaction(s -> {
            Map<String, Integer> characterIds = new LinkedHashMap<>();
            for (CharacterDraft c : result.characters()) {
                int id = s.getMapper(CharacterMapper.class)
                        .insert(new Character(
                                null,
                                recordId,
                                c.characterId(),
                                c.name(),
                                c.description(),
                                c.consistencyKey(),
                                null,
                                null,
                                null,
                                null,
                                null));
                characterIds.put(c.name(), id);
            }
            int position = 1;
            for (SceneDraft d : result.scenes()) {
                int sceneId = s.getMapper(SceneMapper.class)
                        .insert(new Scene(
                                null,
                                recordId,
                                d.number(),
                                position++,
                                d.heading(),
                                d.location(),
                                d.timeOfDay(),
                                d.text(),
                                d.durationSeconds(),
                                null,
                                null,
                                d.lines()));
                for (String name : d.characterNames()) {
                    Integer characterId = characterIds.get(name);
                    if (characterId != null) {
                        s.getMapper(SceneCharacterMapper.class).insert(new SceneCharacter(sceneId, characterId));
                    }
                }
            }
        });
    }

    private StudioException failed(PhaseRecorder.Run run, int recordId, RuntimeException e) {
        String message =
                e instanceof StudioException ? e.getMessage() : run.phase().dbValue() + " failed: " + e.getMessage();
        run.fail(message, Map.of("exception", e.getClass().getSimpleName()));
        setStatus(recordId, RecordStatus.FAILED, run.phase());
        return e instanceof StudioException se ? se : new StudioException(message, e);
    }

    private void setStatus(int recordId, RecordStatus status, Phase phase) {
        database.inTransaction(s -> s.getMapper(InputRecordMapper.class).updateStatus(recordId, status, phase));
    }

    private void updateRecord(int recordId, java.util.function.UnaryOperator<InputRecord> change) {
        database.useTransaction(s -> {
            InputRecordMapper m = s.getMapper(InputRecordMapper.class);
            m.update(change.apply(m.findById(recordId)));
        });
    }

    /** A mutable copy of the record's intake columns, so each phase changes only its own. */
    private static final class Builder {
        String detectedLanguage;
        String languageConfidence;
        Map<String, Object> translationResult;
        Map<String, Object> validationResult;
        Map<String, Object> contentPolicyCheck;
    }

    private static InputRecord with(InputRecord r, java.util.function.Consumer<Builder> change) {
        Builder b = new Builder();
        b.detectedLanguage = r.detectedLanguage();
        b.languageConfidence = r.languageConfidence();
        b.translationResult = r.translationResult();
        b.validationResult = r.validationResult();
        b.contentPolicyCheck = r.contentPolicyCheck();
        change.accept(b);
        return new InputRecord(
                r.id(),
                r.userId(),
                r.rawInput(),
                r.inputLength(),
                b.detectedLanguage,
                b.languageConfidence,
                b.translationResult,
                r.status(),
                r.currentPhase(),
                b.validationResult,
                b.contentPolicyCheck,
                r.sessionId(),
                r.ipAddress(),
                r.userAgent(),
                r.createdAt(),
                r.updatedAt(),
                r.processedAt());
    }

    /** Intake without storing anything: for the New project dialog's preview. */
    public Preview preview(String text, String fileName) {
        List<String> problems = new java.util.ArrayList<>();
        String clean = text;
        try {
            clean = validator.validate(text).text();
        } catch (StudioException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            return new Preview(null, null, null, problems);
        }
        LanguageDetector.Detection language = detector.detect(clean);
        PolicyVerdict verdict = policy.check(clean, language.language());
        Breakdown result = breakdown.breakdown(clean, fileName, language);
        return new Preview(language, verdict, result, problems);
    }

    /** What {@link #preview} found; language, verdict and breakdown are null when validation refused the text. */
    public record Preview(
            LanguageDetector.Detection language, PolicyVerdict verdict, Breakdown breakdown, List<String> problems) {}
}
