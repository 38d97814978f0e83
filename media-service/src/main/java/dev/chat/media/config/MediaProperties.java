package dev.chat.media.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Settings under {@code chat.media}, see application.yml. */
@Validated
@ConfigurationProperties("chat.media")
public record MediaProperties(@NotNull DataSize maxImageSize,
                              @NotNull DataSize maxOtherSize,
                              @NotEmpty Set<String> allowedTypes,
                              @NotNull Duration uploadUrlTtl,
                              @NotNull Duration downloadUrlTtl,
                              @NotNull URI messageUri,
                              @NotNull Duration messageConnectTimeout,
                              @NotNull Duration messageReadTimeout,
                              @Valid @NotNull S3 s3) {

    public record S3(@NotNull URI endpoint, @NotNull URI publicEndpoint, @NotBlank String region,
                     @NotBlank String accessKey, @NotBlank String secretKey, @NotBlank String bucket) {
    }
}
