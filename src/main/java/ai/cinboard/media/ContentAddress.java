package ai.cinboard.media;

/** The sharded relative path of a content hash, shared by the stores. */
final class ContentAddress {
    private ContentAddress() {}

    /** "sha256/ab/abcdef….ext": two hex characters of sharding keep directories and listings small. */
    static String relativePath(String sha256, String ext) {
        return "sha256/" + sha256.substring(0, 2) + "/" + sha256 + "." + ext;
    }
}
