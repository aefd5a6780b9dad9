package ai.cinboard.service.export;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a stored artefact by the URL its row holds. The app passes its MediaStore in; tests pass a lambda
 * over a temp dir. Export stays independent of where media lives (local disk or S3).
 */
@FunctionalInterface
public interface MediaReader {
    InputStream open(String url) throws IOException;
}
