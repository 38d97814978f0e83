{{/*
The non-secret environment of one service, as a YAML map: what its ConfigMap holds. Connection settings follow
from `uses` and `calls`; the service's own `env` comes last and wins.
dict "root" $ "name" <service> "svc" <merged values>
*/}}
{{- define "chat.config" -}}
{{- $root := .root }}
{{- $svc := .svc }}
{{- $cfg := dict "PORT" (toString $svc.port) "JAVA_TOOL_OPTIONS" $svc.javaOpts }}
{{- if has "postgresql" $svc.uses }}
{{- $url := printf "jdbc:postgresql://%s:%v/%s" $root.Values.postgresql.host $root.Values.postgresql.port $svc.database.name }}
{{- if $root.Values.postgresql.jdbcParameters }}
{{- $url = printf "%s?%s" $url $root.Values.postgresql.jdbcParameters }}
{{- end }}
{{- $_ := set $cfg "CHAT_DB_URL" $url }}
{{- $_ := set $cfg "CHAT_DB_USER" (default $root.Values.postgresql.username $svc.database.username) }}
{{- end }}
{{- if has "kafka" $svc.uses }}
{{- $_ := set $cfg "CHAT_KAFKA_BOOTSTRAP" $root.Values.kafka.bootstrapServers }}
{{- end }}
{{- if has "redis" $svc.uses }}
{{- $_ := set $cfg "CHAT_REDIS_HOST" $root.Values.redis.host }}
{{- $_ := set $cfg "CHAT_REDIS_PORT" (toString $root.Values.redis.port) }}
{{- end }}
{{- if has "identity" $svc.uses }}
{{- $authUrl := include "chat.serviceUrl" (dict "root" $root "name" "auth") }}
{{- $_ := set $cfg "CHAT_AUTH_ISSUER" (default $authUrl $root.Values.identity.issuer) }}
{{- $_ := set $cfg "CHAT_AUTH_JWKS_URI" (default (printf "%s/.well-known/jwks.json" $authUrl) $root.Values.identity.jwksUri) }}
{{- end }}
{{- if has "s3" $svc.uses }}
{{- $_ := set $cfg "CHAT_S3_ENDPOINT" $root.Values.s3.endpoint }}
{{- $_ := set $cfg "CHAT_S3_PUBLIC_ENDPOINT" (default $root.Values.s3.endpoint $root.Values.s3.publicEndpoint) }}
{{- $_ := set $cfg "CHAT_S3_REGION" $root.Values.s3.region }}
{{- $_ := set $cfg "CHAT_S3_BUCKET" $root.Values.s3.bucket }}
{{- end }}
{{- range $svc.calls }}
{{- $_ := set $cfg (printf "CHAT_%s_URI" (upper .)) (include "chat.serviceUrl" (dict "root" $root "name" .)) }}
{{- end }}
{{- with $root.Values.logging.format }}
{{- $_ := set $cfg "LOGGING_STRUCTURED_FORMAT_CONSOLE" . }}
{{- end }}
{{- $_ := set $cfg "CHAT_TRACING_EXPORT" (toString $root.Values.tracing.export) }}
{{- $_ := set $cfg "CHAT_TRACING_SAMPLING" (toString $root.Values.tracing.sampling) }}
{{- with $root.Values.tracing.otlpEndpoint }}
{{- $_ := set $cfg "CHAT_TRACING_OTLP_ENDPOINT" . }}
{{- end }}
{{- range $k, $v := $svc.env }}
{{- $_ := set $cfg $k (toString $v) }}
{{- end }}
{{- toYaml $cfg }}
{{- end }}

{{/* Environment variables taken from Secrets: dict "root" $ "name" <service> "svc" <merged values>. */}}
{{- define "chat.secretEnv" -}}
{{- $root := .root }}
{{- if has "postgresql" .svc.uses }}
{{- $db := include "chat.databaseSecret" (dict "root" $root "name" .name) | fromYaml }}
- name: CHAT_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $db.name }}
      key: {{ $db.key }}
{{- end }}
{{- if has "s3" .svc.uses }}
- name: CHAT_S3_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "chat.s3SecretName" $root }}
      key: {{ ternary $root.Values.s3.existingSecretAccessKeyKey "access-key" (not (empty $root.Values.s3.existingSecret)) }}
- name: CHAT_S3_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "chat.s3SecretName" $root }}
      key: {{ ternary $root.Values.s3.existingSecretSecretKeyKey "secret-key" (not (empty $root.Values.s3.existingSecret)) }}
{{- end }}
{{- with .svc.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
The pod template of one service (metadata + spec), shared by every Deployment.
dict "root" $ "name" <service> "svc" <merged values>
*/}}
{{- define "chat.pod" -}}
{{- $root := .root }}
{{- $name := .name }}
{{- $svc := .svc }}
{{- $ctx := dict "root" $root "name" $name }}
{{- $secretEnv := include "chat.secretEnv" . }}
metadata:
  labels:
    {{- include "chat.componentSelectorLabels" $ctx | nindent 4 }}
    {{- with $svc.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    checksum/config: {{ include "chat.config" . | sha256sum }}
    checksum/secrets: {{ include (print $root.Template.BasePath "/secrets.yaml") $root | sha256sum }}
    {{- with $svc.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "chat.serviceAccountName" $root }}
  automountServiceAccountToken: false
  enableServiceLinks: false
  {{- with $root.Values.global.imagePullSecrets }}
  imagePullSecrets:
    {{- range . }}
    - name: {{ . }}
    {{- end }}
  {{- end }}
  securityContext:
    {{- toYaml $svc.podSecurityContext | nindent 4 }}
  terminationGracePeriodSeconds: {{ $svc.terminationGracePeriodSeconds }}
  {{- if and $svc.spreadAcrossNodes (or $svc.autoscaling.enabled (gt (int $svc.replicas) 1)) }}
  topologySpreadConstraints:
    - maxSkew: 1
      topologyKey: kubernetes.io/hostname
      whenUnsatisfiable: ScheduleAnyway
      labelSelector:
        matchLabels:
          {{- include "chat.componentSelectorLabels" $ctx | nindent 10 }}
  {{- end }}
  {{- with $svc.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $svc.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $svc.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: {{ $name }}
      image: {{ include "chat.image" (dict "root" $root "repository" $svc.image.repository "tag" (default $root.Values.image.tag $svc.image.tag)) }}
      imagePullPolicy: {{ default $root.Values.image.pullPolicy $svc.image.pullPolicy }}
      ports:
        - name: http
          containerPort: {{ $svc.port }}
          protocol: TCP
      envFrom:
        - configMapRef:
            name: {{ include "chat.componentFullname" $ctx }}
        {{- with $svc.extraEnvFrom }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- if trim $secretEnv }}
      env:
        {{- $secretEnv | trim | nindent 8 }}
      {{- end }}
      startupProbe:
        {{- toYaml $svc.startupProbe | nindent 8 }}
      livenessProbe:
        {{- toYaml $svc.livenessProbe | nindent 8 }}
      readinessProbe:
        {{- toYaml $svc.readinessProbe | nindent 8 }}
      {{- if gt (int $svc.preStopSleepSeconds) 0 }}
      lifecycle:
        preStop:
          {{- if $svc.preStopSleepAction }}
          sleep:
            seconds: {{ $svc.preStopSleepSeconds }}
          {{- else }}
          exec:
            command: ["sleep", "{{ $svc.preStopSleepSeconds }}"]
          {{- end }}
      {{- end }}
      resources:
        {{- toYaml $svc.resources | nindent 8 }}
      securityContext:
        {{- toYaml $svc.containerSecurityContext | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: {{ $svc.tmpSizeLimit }}
{{- end }}
