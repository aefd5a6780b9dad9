/**
 * Engines for any server that speaks the OpenAI API. Wiring (one client per server, shared so the three
 * engines share its concurrency limit):
 * <pre>
 * OpenAiSettings s = new OpenAiSettings(URI.create(env("CINBOARD_OPENAI_BASE_URL")), env("CINBOARD_OPENAI_API_KEY"),
 *         env("CINBOARD_OPENAI_CHAT_MODEL"), env("CINBOARD_OPENAI_IMAGE_MODEL"), env("CINBOARD_OPENAI_SPEECH_MODEL"),
 *         env("CINBOARD_OPENAI_VOICE"), null, HttpSettings.defaults());
 * OpenAiClient client = new OpenAiClient(s);
 * TextEngine text = new OpenAiTextEngine(client);
 * ImageEngine images = new OpenAiImageEngine(client);
 * SpeechEngine speech = new OpenAiSpeechEngine(client);
 * client.listModels();   // "Test connection"
 * client.listVoices();   // empty where the server has no voice list
 * </pre>
 */
package ai.cinboard.generation.openai;
