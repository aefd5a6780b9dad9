package ai.cinboard.service.export;

import ai.cinboard.domain.Project;
import java.util.Objects;

/** Everything one export needs: the project, its edit, how to read its media and the user's options. */
public record ExportJob(Project project, EditDecisionList edit, MediaReader media, ExportOptions options) {

    public ExportJob {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(edit, "edit");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(options, "options");
    }

    /** Builds the edit from the project with the given options; the usual way to make a job. */
    public static ExportJob of(Project project, MediaReader media, ExportOptions options) {
        return new ExportJob(project, EditDecisionList.from(project, options), media, options);
    }
}
