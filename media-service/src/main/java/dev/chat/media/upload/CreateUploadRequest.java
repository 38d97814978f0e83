package dev.chat.media.upload;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** What the client is about to upload. The size is checked again against the stored object. */
record CreateUploadRequest(
        @NotBlank @Size(max = 255) @Pattern(regexp = "[^/\\\\\\p{Cntrl}]+", message = "must be a plain file name")
        String filename,
        @NotBlank @Size(max = 255) @Pattern(regexp = "[\\w.+-]+/[\\w.+-]+(\\s*;.*)?", message = "must be a media type")
        String contentType,
        @NotNull @Positive Long sizeBytes) {
}
