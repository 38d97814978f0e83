{{/* Names, labels and the per-service values every template shares. */}}

{{- define "chat.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "chat.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "chat.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object; root context. */}}
{{- define "chat.labels" -}}
helm.sh/chart: {{ include "chat.chart" . }}
{{ include "chat.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: chat
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "chat.selectorLabels" -}}
app.kubernetes.io/name: {{ include "chat.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of one component's objects; dict "root" $ "name" <component>. */}}
{{- define "chat.componentLabels" -}}
{{ include "chat.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{- define "chat.componentSelectorLabels" -}}
{{ include "chat.selectorLabels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{- define "chat.componentFullname" -}}
{{- printf "%s-%s" (include "chat.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}


{{- define "chat.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "chat.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
One service's values: the defaults with the service's own values on top (the OpenTelemetry demo chart's
default + component pattern). dict "root" $ "name" <service>; returns YAML, read back with fromYaml.
*/}}
{{- define "chat.serviceValues" -}}
{{- include "chat.deepMerge" (dict "base" .root.Values.defaults "over" (index .root.Values.services .name)) }}
{{- end }}

{{/*
Maps merged key by key, "over" winning; anything else (lists, false, 0, "") replaced as a whole. Sprig's
merge/mergeOverwrite would not let a service set false or 0 over a default.
*/}}
{{- define "chat.deepMerge" -}}
{{- $out := deepCopy .base }}
{{- range $k, $v := .over }}
{{- if and (kindIs "map" $v) (kindIs "map" (index $out $k)) }}
{{- $_ := set $out $k (include "chat.deepMerge" (dict "base" (index $out $k) "over" $v) | fromYaml) }}
{{- else }}
{{- $_ := set $out $k $v }}
{{- end }}
{{- end }}
{{- toYaml $out }}
{{- end }}

{{/* An image reference: dict "root" $ "repository" r "tag" t. */}}
{{- define "chat.image" -}}
{{- $registry := .root.Values.global.imageRegistry }}
{{- $tag := default .root.Chart.AppVersion .tag | toString }}
{{- if $registry }}
{{- printf "%s/%s:%s" (trimSuffix "/" $registry) .repository $tag }}
{{- else }}
{{- printf "%s:%s" .repository $tag }}
{{- end }}
{{- end }}

{{/* In-cluster base URL of a service: dict "root" $ "name" <service>. */}}
{{- define "chat.serviceUrl" -}}
{{- $svc := index .root.Values.services .name }}
{{- printf "http://%s:%v" (include "chat.componentFullname" .) $svc.port }}
{{- end }}

{{/* Whether tokens are verified against the in-chart auth-service (so every service using identity calls it). */}}
{{- define "chat.identityInternal" -}}
{{- if not .Values.identity.jwksUri }}true{{ end }}
{{- end }}

{{/*
The enabled services a service calls over HTTP: its `calls`, plus auth for the JWKS when it verifies tokens
against auth-service. dict "root" $ "name" <service>; returns a JSON list.
*/}}
{{- define "chat.callees" -}}
{{- $root := .root }}
{{- $svc := index $root.Values.services .name }}
{{- $out := list }}
{{- range $svc.calls }}
{{- if (index $root.Values.services .).enabled }}
{{- $out = append $out . }}
{{- end }}
{{- end }}
{{- if and (has "identity" $svc.uses) (include "chat.identityInternal" $root) (ne .name "auth") $root.Values.services.auth.enabled }}
{{- $out = append $out "auth" }}
{{- end }}
{{- toJson ($out | uniq | sortAlpha) }}
{{- end }}

{{/* The enabled services that call a service (the inverse of chat.callees); returns a JSON list. */}}
{{- define "chat.callers" -}}
{{- $root := .root }}
{{- $target := .name }}
{{- $out := list }}
{{- range $name, $svc := $root.Values.services }}
{{- if $svc.enabled }}
{{- if has $target (include "chat.callees" (dict "root" $root "name" $name) | fromJsonArray) }}
{{- $out = append $out $name }}
{{- end }}
{{- end }}
{{- end }}
{{- toJson ($out | sortAlpha) }}
{{- end }}

{{/* Secret and key of a service's database password: dict "root" $ "name" <service>; returns YAML {name, key}. */}}
{{- define "chat.databaseSecret" -}}
{{- $db := (index .root.Values.services .name).database }}
{{- if $db.existingSecret }}
name: {{ $db.existingSecret }}
key: {{ $db.existingSecretPasswordKey }}
{{- else if .root.Values.postgresql.existingSecret }}
name: {{ .root.Values.postgresql.existingSecret }}
key: {{ .root.Values.postgresql.existingSecretPasswordKey }}
{{- else }}
name: {{ include "chat.fullname" .root }}-postgresql
key: password
{{- end }}
{{- end }}

{{- define "chat.s3SecretName" -}}
{{- default (printf "%s-s3" (include "chat.fullname" .)) .Values.s3.existingSecret }}
{{- end }}
