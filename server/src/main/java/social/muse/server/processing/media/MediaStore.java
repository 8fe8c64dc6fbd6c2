package social.muse.server.processing.media;

import social.muse.server.processing.ValidationFailed;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Optional;

/**
 * Images people upload, kept under {@code <data-dir>/media}. The type is decided by the file's own
 * bytes, never by the name or the declared Content-Type, and dimensions are checked without decoding
 * the pixels, so a small file claiming a huge canvas is refused before it can exhaust memory.
 */
public final class MediaStore {
    public enum ImageType {
        PNG("png", "image/png"), JPEG("jpg", "image/jpeg"), GIF("gif", "image/gif"), WEBP("webp", "image/webp");

        public final String extension;
        public final String mediaType;

        ImageType(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }
    }

    /** Large enough for any header image, small enough that decoding stays cheap. */
    static final int MAX_PIXELS = 4096 * 4096;

    private final Path root;

    public MediaStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /**
     * Checks and stores an image; returns its path relative to the media root, e.g.
     * {@code avatars/1234/9f…e1.png}. {@code field} names the request field in errors.
     */
    public String storeImage(String field, String folder, long ownerId, byte[] bytes, long maxBytes) {
        return store(field, folder, ownerId, bytes, maxBytes).file();
    }

    /** A stored image: its path relative to the media root, its type and (unless WebP) its size in pixels. */
    public record StoredImage(String file, ImageType type, Integer width, Integer height) {
    }

    /** As {@link #storeImage}, also telling the image's type and size. */
    public StoredImage store(String field, String folder, long ownerId, byte[] bytes, long maxBytes) {
        if (bytes.length > maxBytes) {
            throw ValidationFailed.of(field, "ERR_TOO_LARGE", "must be smaller than " + (maxBytes / 1024) + " KB");
        }
        ImageType type = sniff(bytes).orElseThrow(() ->
                ValidationFailed.of(field, "ERR_INVALID", "must be a PNG, JPEG, GIF or WebP image"));
        int[] size = type == ImageType.WEBP ? null : checkDimensions(field, bytes);
        String name = social.muse.server.processing.auth.Secrets.newSecret().substring(0, 24) + "." + type.extension;
        String relative = folder + "/" + ownerId + "/" + name;
        Path target = root.resolve(relative);
        try {
            Files.createDirectories(target.getParent());
            Files.write(target, bytes, StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store media file " + relative, e);
        }
        return new StoredImage(relative, type, size == null ? null : size[0], size == null ? null : size[1]);
    }

    /** Deletes a stored file; a missing file is not an error. */
    public void delete(String relative) {
        if (relative == null) {
            return;
        }
        try {
            Files.deleteIfExists(resolve(relative).orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file for a relative path, unless the path escapes the media root. */
    public Optional<Path> resolve(String relative) {
        Path path = root.resolve(relative).normalize();
        return path.startsWith(root) && !path.equals(root) ? Optional.of(path) : Optional.empty();
    }

    public static Optional<ImageType> sniff(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return Optional.of(ImageType.PNG);
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return Optional.of(ImageType.JPEG);
        }
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return Optional.of(ImageType.GIF);
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return Optional.of(ImageType.WEBP);
        }
        return Optional.empty();
    }

    /** Width and height, read from the header without decoding the pixels. */
    private static int[] checkDimensions(String field, byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw ValidationFailed.of(field, "ERR_INVALID", "is not a readable image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                long pixels = (long) width * height;
                if (pixels <= 0 || pixels > MAX_PIXELS) {
                    throw ValidationFailed.of(field, "ERR_TOO_LARGE", "must be at most 4096×4096 pixels");
                }
                return new int[] {width, height};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw ValidationFailed.of(field, "ERR_INVALID", "is not a readable image");
        }
    }
}
