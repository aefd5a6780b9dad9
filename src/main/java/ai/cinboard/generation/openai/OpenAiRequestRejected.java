package ai.cinboard.generation.openai;

import ai.cinboard.domain.StudioException;

/**
 * A 4xx answer from an OpenAI-compatible server, keeping the server's own message so engines can react
 * to specific rejections (an unsupported {@code response_format}, an unknown {@code seed} parameter).
 */
public class OpenAiRequestRejected extends StudioException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String serverMessage;

    public OpenAiRequestRejected(String message, int status, String serverMessage) {
        super(message);
        this.status = status;
        this.serverMessage = serverMessage == null ? "" : serverMessage;
    }

    public int status() {
        return status;
    }

    public String serverMessage() {
        return serverMessage;
    }

    /** True when the server's message names the given request parameter. */
    public boolean mentions(String parameter) {
        return serverMessage.toLowerCase(java.util.Locale.ROOT).contains(parameter.toLowerCase(java.util.Locale.ROOT));
    }
}
