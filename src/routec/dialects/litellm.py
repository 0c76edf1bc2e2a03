"""LiteLLM proxy configs (``config.yaml``).

Facts from LiteLLM's own source (the ``litellm`` package 1.109.1, fetched with
``pip download litellm --no-deps``; each key set below names the file it was
taken from):

* ``model_list`` entries are deployments; entries that share a ``model_name``
  are one model group, load balanced (``router_python_core.py``). A deployment
  the router cannot build is logged and skipped: the proxy passes
  ``ignore_invalid_deployments=True`` (``proxy/proxy_server.py``).
* ``litellm_params.model`` is ``provider/model``, the provider being the part
  before the first ``/`` (``huggingface/meta-llama/Llama-3`` is provider
  ``huggingface``); ``custom_llm_provider`` names the provider instead.
* ``os.environ/VAR`` is the only environment reference: a string value in a
  mapping that *starts* with it is replaced (``_check_for_os_environ_vars`` in
  ``proxy/proxy_server.py``); strings inside lists are left as they are, and
  ``${VAR}`` is never substituted.
* Unknown ``router_settings`` keys are logged and ignored; every
  ``litellm_settings`` key becomes ``setattr(litellm, key, value)``, so a
  misspelled one is silently dead; ``general_settings`` is read with
  ``.get``, so an unknown key is silently dead too.
* ``fallbacks`` and ``content_policy_fallbacks`` are lists of one-key maps (the
  router refuses anything else); ``context_window_fallbacks`` is not checked,
  and only each entry's first key is read. The first entry for a group wins;
  ``*`` is the generic entry; ``default_fallbacks`` are appended as ``*``
  (``router_python_core.py``, ``router_utils/fallback_event_handlers.py``).
* ``router_settings`` wins over ``litellm_settings`` for ``fallbacks``,
  ``num_retries``, ``max_fallbacks``, ... (``router_python_core.py``).
* ``model_group_alias`` resolves one step, never alias to alias
  (``litellm_core_utils/routing_common_utils.py``), and an alias wins over a
  ``model_name`` of the same name.
* ``max_fallbacks`` comes from ``router_settings``, else ``litellm_settings``,
  else ``ROUTER_MAX_FALLBACKS`` (5); every fallback attempt counts
  (``run_async_fallback``).
* PyYAML reads the file (YAML 1.1).

How this maps to the IR: each distinct ``model_name`` is a route (its first
deployment's model is the route's ``model``, the others ``extra_models``);
a group's ``fallbacks`` entry is the route's fallbacks; ``model_group_alias``
entries are aliases; every other name that must be a ``model_name`` (generic
``*`` and ``default_fallbacks`` targets, context-window and content-policy
fallbacks, fallback keys that name no group) is an other reference. What only
the LiteLLM rules need is a :class:`LiteLLMData` in ``config.extension``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fnmatch import fnmatchcase
from typing import NamedTuple

from ..catalog import PROVIDERS as CATALOG
from ..ir import Alias, Config, Conventions, Credential, ModelRef, Provider, Reference, RefKind, Route
from ..ir.findings import InvalidValue, UnknownKey
from ..suggest import Suggester
from ..syntax import Document, Mapping, Node, Scalar, Sequence
from .base import Dialect, list_at, mapping_at, string_at
from .schema import Anything, Bool, Field, Int, ListOf, MapOf, Num, Obj, OneOf, Str, key_path

# --- Facts taken from LiteLLM's source ----------------------------------------------------------------------

# `LlmProviders` in litellm/types/utils.py, plus the OpenAI-compatible providers declared in
# litellm/llms/openai_like/providers.json (litellm 1.109.1).
PROVIDER_NAMES = """
    a2a a2a_agent abliteration ai21 ai21_chat aiand aihubmix aiml aiohttp_openai amazon_nova anthropic
    anthropic_text apertis assemblyai auto_router aws_polly aws_textract azure azure_ai azure_speech azure_text
    baseten bedrock bedrock_mantle bespoke bigmodel black_forest_labs bytez cerebras charity_engine chatgpt chutes
    clarifai clf_ai_gateway cloudflare codestral cognition cohere cohere_chat cometapi compactifai coralbricks
    cortecs crusoe cursor custom custom_openai darkbloom dashscope databricks databricks_agent datarobot deepgram
    deepinfra deepseek docker_model_runner dotprompt edenai elevenlabs empiriolabs empower eu_jev fal_ai
    featherless_ai fireworks_ai friendliai galadriel gdc gemini gigachat github github_copilot gmi gradient_ai groq
    helicone heroku hosted_vllm hostinger_router huggingface humanloop hyperbolic inception inferenceapis infinity
    jina_ai kyma lambda_ai langflow langfuse langgraph laya lemonade libertai litellm_agent litellm_proxy llamafile
    llamagate lm_studio manus maritalk meta meta_llama microsoft_365_copilot milvus minimax mistral modelscope
    mongodb moonshot morph nace nadir nano-gpt nebius neosantara nlp_cloud novita nscale nvidia_nim nvidia_riva oci
    ollama ollama_chat oobabooga openai openai_like opencode_go openinfer openrouter opensearch ovhcloud parasail
    perplexity petals pg_vector pinstripes poe predibase prism publicai qwen_ai_platform qwencloud ragflow recraft
    reducto refuseless reka replicate runwayml s3_vectors sagemaker sagemaker_chat sagemaker_nova sail sambanova sap
    sarvam scaledown scaleway scx-ai snowflake soniox stability strands_decider streamlake synthetic tencent
    tensormesh text-completion-codestral text-completion-inception text-completion-openai topaz transcribe triton
    together_ai typesafe v0 valkey veniceai vercel_ai_gateway vertex_ai vertex_ai_beta vllm volcengine voyage wandb
    watsonx watsonx_text xai xiaomi_mimo xinference zai zerogpu
"""
LITELLM_PROVIDERS = frozenset(PROVIDER_NAMES.split())
# Servers that usually run next to the proxy and need no key.
LOCAL_PROVIDERS = frozenset(
    ("ollama", "ollama_chat", "hosted_vllm", "vllm", "lm_studio", "llamafile", "xinference", "triton", "lemonade")
    + ("docker_model_runner", "oobabooga", "petals", "custom", "litellm_proxy")
)
# The variable LiteLLM reads when a deployment gives no `api_key` (each provider's `get_api_key` /
# `get_secret_str` call in litellm/llms/*); others follow the PROVIDER_API_KEY pattern.
PROVIDER_ENV = {
    "azure": "AZURE_API_KEY",
    "azure_ai": "AZURE_AI_API_KEY",
    "gemini": "GEMINI_API_KEY",
    "together_ai": "TOGETHERAI_API_KEY",
    "fireworks_ai": "FIREWORKS_AI_API_KEY",
    "perplexity": "PERPLEXITYAI_API_KEY",
    "huggingface": "HUGGINGFACE_API_KEY",
    "bedrock": "AWS_ACCESS_KEY_ID",
    "sagemaker": "AWS_ACCESS_KEY_ID",
    "vertex_ai": "GOOGLE_APPLICATION_CREDENTIALS",
    "watsonx": "WATSONX_APIKEY",
}
# `litellm_params` keys that give a deployment its credentials (CredentialLiteLLMParams in litellm/types/router.py).
CREDENTIAL_PARAMS = (
    *("api_key", "aws_access_key_id", "aws_profile_name", "aws_role_name", "aws_web_identity_token"),
    *("azure_ad_token", "client_secret", "vertex_credentials", "vertex_project", "litellm_credential_name"),
    *("use_xai_oauth", "chatgpt_auth_file"),
)
# VALID_ROUTING_STRATEGIES in litellm/litellm_core_utils/routing_groups.py (RoutingStrategy in types/router.py).
ROUTING_STRATEGIES = {
    "simple-shuffle": "Pick a deployment at random, weighted by `weight`, `rpm` or `tpm` when set (the default).",
    "least-busy": "Pick the deployment with the fewest requests in flight.",
    "usage-based-routing": "Pick the deployment with the lowest tpm/rpm use this minute (v1).",
    "usage-based-routing-v2": "Pick the deployment with the lowest tpm/rpm use, counted in Redis across instances.",
    "latency-based-routing": "Pick the deployment with the lowest recent latency.",
    "cost-based-routing": "Pick the cheapest deployment.",
    "provider-budget-routing": "Skip providers that exceeded their `provider_budget_config` budget.",
    "lar1": "LiteLLM's adaptive router (LAR1).",
}
# OptionalPreCallChecks in litellm/types/router.py.
PRE_CALL_CHECKS = {
    "prompt_caching": "Prefer the deployment that cached this prompt.",
    "router_budget_limiting": "Skip deployments over their budget.",
    "responses_api_deployment_check": "Send Responses API follow-ups to the deployment that answered before.",
    "deployment_affinity": "Keep a key on one deployment.",
    "session_affinity": "Keep a session on one deployment.",
    "forward_client_headers_by_model_group": "Forward client headers for the model groups that allow it.",
    "enforce_model_rate_limits": "Enforce each deployment's rpm/tpm as hard limits.",
    "encrypted_content_affinity": "Send encrypted reasoning content back to the deployment that produced it.",
}
# RetryPolicy and AllowedFailsPolicy in litellm/types/router.py.
ERROR_TYPES = (
    *("BadRequestError", "AuthenticationError", "TimeoutError", "RateLimitError", "ContentPolicyViolationError"),
    *("InternalServerError", "ServiceUnavailableError", "NotFoundError"),
)
# Router.__init__ arguments the proxy sets itself and ignores in router_settings
# (ROUTER_SETTINGS_MANAGED_OUTSIDE_CONFIG in litellm/constants.py). The arguments router_settings may set
# (PythonCore.__init__ in litellm/router_python_core.py) are ROUTER_FIELDS.
ROUTER_MANAGED = {
    "model_list": "`model_list` is a top-level key",
    "search_tools": "`search_tools` is a top-level key",
    "assistants_config": "the proxy builds it from the top-level `assistant_settings`",
    "router_general_settings": "the proxy sets it itself and ignores it here",
    "ignore_invalid_deployments": "the proxy sets it itself (true) and ignores it here",
}
# Module settings the proxy sets with setattr(litellm, key, value): the module-level names of
# litellm/__init__.py, the names it imports from litellm/_logging.py and litellm/constants.py, and the keys
# proxy/proxy_server.py handles itself. The documented ones are in LITELLM_SETTINGS_FIELDS.
OTHER_LITELLM_SETTINGS = """
    add_function_to_prompt add_user_information_to_llm_headers agent_search_embedding_model aiohttp_trust_env
    allow_dynamic_callback_disabling anthropic_beta_headers_url anthropic_messages_estimate_initial_input_tokens
    anthropic_prompt_caching_ttl anthropic_sse_ping_interval_seconds api_base api_version apply_search_free_tier
    argilla_batch_size audit_log_callbacks autorouter_presets_url aws_sqs_callback_params
    azure_content_safety_params banned_keywords_list batch_line_item_callbacks
    bedrock_neutralize_orphaned_tool_blocks bedrock_request_metadata_fields
    block_requests_for_models_without_pricing blocked_user_list blog_posts_url budget_exceeded_status_code
    budget_exceeded_throttle_percentage budget_reset_time budget_rollover caching callback_settings
    check_provider_endpoint code_interpreter_interception_params cold_storage_custom_logger
    common_cloud_provider_auth_params compression_interception_params config_path cost_discount_config
    cost_margin_config credential_list custom_prometheus_metadata_labels custom_prometheus_tags custom_prompt_dict
    custom_provider_map datadog_llm_observability_params datadog_params datadog_use_v1 default_in_memory_ttl
    default_internal_user_params default_key_max_budget_alert_emails default_max_internal_user_budget
    default_redis_batch_cache_expiry default_redis_ttl default_soft_budget default_team_params
    disable_add_prefix_to_prompt disable_add_transform_inline_image_block disable_add_user_agent_to_request_tags
    disable_aiohttp_transport disable_aiohttp_trust_env disable_anthropic_gemini_context_caching_transform
    disable_copilot_system_to_assistant disable_end_user_cost_tracking_prometheus_only disable_hf_tokenizer_download
    disable_stop_sequence_limit disable_streaming_logging disable_token_counter
    disable_vertex_batch_output_transformation dynamodb_table_name email enable_anthropic_prompt_caching
    enable_azure_ad_token_refresh enable_caching_on_provider_specific_optional_params
    enable_end_user_cost_tracking_prometheus_only enable_gemini_default_thinking_level_low
    enable_json_schema_validation enable_key_alias_format_validation enable_loadbalancing_on_batch_endpoints
    enable_model_config_credential_overrides enable_redis_auth_cache error_logs expose_router_debug_in_errors
    extra_spend_tag_headers filter_invalid_headers force_redis_hash_tag_grouping forward_traceparent_to_llm_provider
    gcs_pub_sub_use_v1 gdc_api_base gemini_include_thoughts_default gemini_live_defer_setup generic_api_use_v1
    generic_logger_headers global_bitbucket_config global_disable_no_log_param global_gitlab_config
    global_prompt_directory google_moderation_confidence_threshold guardrail_name_config_map headers http2
    include_cost_in_streaming_usage input_callback key_alias_pattern langfuse_default_tags
    langfuse_enable_update_trace_keys langsmith_batch_size litellm_mode llamaguard_model_name
    llamaguard_unsafe_content_categories llm_guard_mode log_auth_failure_key_identity log_client_error_tracebacks
    log_level log_raw_request_response logged_real_time_event_types logging max_end_user_budget
    max_end_user_budget_id max_tokens max_ui_session_budget max_user_budget mcp_aliases mcp_semantic_tool_filter
    mcp_tool_search model_alias_map model_cost_map_url model_fallbacks network_mock newrelic_params
    num_retries_per_request openai_moderations_model_name openai_system_messages_first organization
    otel_tenant_destination_mode output_parse_pii overwrite_user_with_key_hash personal_key_model_access_from_teams
    pointfive_params post_call_rules pre_call_rules predibase_tenant_id presidio_ad_hoc_recognizers
    presidio_logging_only priority_reservation priority_reservation_settings project
    prometheus_deployment_and_latency_caller_identity prometheus_emit_input_sequence_length_label
    prometheus_emit_rate_limit_labels prometheus_emit_stream_label
    prometheus_end_user_metrics_cleanup_interval_seconds prometheus_end_user_metrics_max_series_per_metric
    prometheus_end_user_metrics_ttl_seconds prometheus_exclude_labels prometheus_exclude_metrics
    prometheus_initialize_budget_metrics prometheus_latency_buckets prometheus_metrics_cleanup_interval_seconds
    prometheus_metrics_config prometheus_metrics_max_series_per_metric prometheus_metrics_ttl_seconds
    prometheus_user_budget_label_include_email_alias prompt_injection_params prompt_name_config_map
    provider_url_destination_allowed_hosts proxy_auth public_agent_groups public_mcp_hub_strict_whitelist
    public_mcp_servers public_model_groups public_model_groups_links public_skills_index reasoning_auto_summary
    reasoning_effort_rounding redact_messages_in_exceptions request_correlation_in_logs
    require_auth_for_metrics_endpoint require_managed_files responses retry route_all_chat_openai_to_responses
    s3_audit_callback_params s3_callback_params safe_memory_mode scim_admin_group scim_upsert_user
    skill_search_embedding_model skip_system_message_in_guardrail skip_tool_message_in_guardrail
    sse_keepalive_ping_interval_seconds ssl_certificate ssl_ecdh_curve ssl_security_level
    standard_logging_payload_excluded_fields store_audit_logs strip_anthropic_total_tokens suppress_debug_info
    suppress_startup_output tag_budget_config use_aiohttp_transport use_chat_completions_url_for_anthropic_messages
    use_client use_litellm_proxy user_url_allowed_hosts user_url_validation validate_end_user_id_in_db
    vector_store_search_failure_mode vertex_ai_safety_settings vertex_location vertex_project
    websearch_interception_params zerobus_params
"""
# Provider keys litellm/__init__.py keeps as module settings: credentials, like `api_key`.
LITELLM_SETTINGS_KEYS = """
    ai21_key aleph_alpha_key amazon_nova_api_key anthropic_key azure_key baseten_key bytez_key clarifai_key
    cloudflare_api_key cohere_key cometapi_key databricks_key datarobot_key gdc_key gigachat_key gradient_ai_api_key
    groq_key heroku_key huggingface_key inception_key infinity_key lemonade_key llama_api_key maritalk_key
    nebius_key nlp_cloud_key novita_api_key ollama_key openai_key openai_like_key openrouter_key ovhcloud_key
    predibase_key replicate_key sap_service_key snowflake_key togetherai_api_key token vercel_ai_gateway_key
    wandb_key xai_key
"""
# general_settings keys: the fields of ConfigGeneralSettings (litellm/proxy/_types.py) and every key the proxy
# reads with general_settings.get(...) / general_settings[...]. The documented ones are in GENERAL_FIELDS.
OTHER_GENERAL_SETTINGS = """
    accounting_capture accounting_sync_ack accounting_sync_ack_failure_policy accounting_sync_ack_timeout_seconds
    admission_queue_timeout_seconds agent_access_default_deny alert_type_config alerting_args
    allow_cli_sso_verification_uri_complete allow_client_side_credentials allow_public_health_readiness_details
    allow_unmanaged_response_ids allow_user_auth allowed_file_extensions always_include_stream_usage
    apply_user_budget_to_team_keys auto_redirect_ui_login_to_sso background_health_check_model_groups
    blocked_file_extensions cancel_on_disconnect claude_code_gateway_managed_settings
    claude_code_marketplace_auth_required control_plane_url coordination_redis custom_auth_run_common_checks
    custom_key_generate custom_key_policy custom_key_update custom_sso custom_team_metadata_validate
    custom_ui_sso_sign_in_handler database_args database_connect_timeout database_connection_pool_timeout
    database_disable_prepared_statements database_extra_connection_params database_max_idle_connection_lifetime
    database_socket_timeout database_type default_team_disabled disable_auto_add_proxy_admin_to_teams
    disable_batch_input_file_rate_limiting disable_bedrock_agent_runtime_passthrough disable_budget_reservation
    disable_custom_api_keys disable_env_credential_login disable_fallbacks_on_per_model_rate_limits
    disable_key_generate_for_org_admin disable_model_info_refresh disable_password_login_when_sso_enabled
    disable_prisma_schema_update disable_requester_ip_address_logging disable_responses_id_security
    disable_retry_on_max_parallel_request_limit_error disable_spend_updates drain_endpoint_token email
    enable_claude_code_gateway enable_drain_endpoint enable_health_check_routing enable_oauth2_auth
    enable_oauth2_proxy_auth enable_openai_websocket_passthrough enable_public_model_hub
    enforce_fallback_model_access enforce_rbac enforced_params expose_fallback_errors_to_caller
    fail_closed_budget_enforcement fail_closed_rate_limit_enforcement failed_login_block_seconds
    failed_login_window_seconds forward_llm_provider_auth_headers forward_openai_org_id health_check_concurrency
    health_check_ignore_transient_errors health_check_skip_disabled_background_models
    health_check_staleness_threshold hide_default_credentials_hint include_call_id_in_error_body
    max_batch_file_records max_batch_file_size_mb max_batch_file_uploads_per_day
    max_failed_login_attempts_per_source max_failed_login_attempts_per_source_overrides
    max_file_downloads_per_minute max_file_size_mb max_in_flight_requests_per_worker max_queued_requests_per_worker
    maximum_autorouter_session_retention_period maximum_daily_tag_spend_retention_period
    maximum_health_check_retention_period maximum_spend_logs_cleanup_batch_size
    maximum_spend_logs_cleanup_batch_timeout maximum_spend_logs_cleanup_cron maximum_spend_logs_cleanup_max_batches
    maximum_spend_logs_cleanup_run_budget maximum_spend_logs_cleanup_target_size
    maximum_spend_logs_retention_interval maximum_spend_logs_retention_period maximum_spend_logs_size
    maximum_spend_logs_size_check_interval mcp_advertised_versions mcp_allowed_clients mcp_client_id_header
    mcp_client_side_auth_header_name mcp_disabled_capabilities mcp_internal_ip_ranges
    mcp_prefer_client_id_metadata_document mcp_require_explicit_server_scope mcp_required_fields
    mcp_session_token_signing mcp_trusted_proxy_ranges mcp_xff_num_trusted_hops missing_session_id
    model_list_healthy_only ms_teams oauth2_config_mappings pass_through_request_timeout
    passthrough_managed_object_ids password_policy_check_breached_passwords password_policy_min_length
    password_policy_require_lowercase password_policy_require_numbers password_policy_require_special_characters
    password_policy_require_uppercase plugins provider_url_destination_allowed_hosts proxy_batch_polling_interval
    proxy_budget_rescheduler_max_time proxy_budget_rescheduler_min_time proxy_config_reload_interval_seconds
    reject_clientside_metadata_tags request_tag_mappings require_end_user_mcp_access_defined
    require_key_mcp_access_defined responses_websocket_session_limit_seconds return_wildcard_routes role_permissions
    scheduled_job_stagger search_tool_deny_by_default search_tools self_serve_budget_policy service_account_settings
    skip_batch_input_file_rate_limiting_for_models skip_batch_input_file_rate_limiting_for_providers slack
    spend_capture_rate_check spend_logs_metadata_fields store_prompts_in_spend_logs supported_db_objects
    team_metadata_schema team_metadata_validation_error_message team_metadata_validation_timeout
    token_rate_limit_type tracing track_unmanaged_batch_cost transcribe_media_buckets trusted_proxy_ranges
    use_azure_key_vault use_google_kms use_shared_health_check use_spend_logs_partitioning
    use_team_public_model_name user_api_key_cache_max_size user_api_key_cache_ttl user_header_mappings
    user_mcp_management_mode user_url_allowed_hosts user_url_validation vector_store_deny_by_default
    vertex_ai_pass_through_drop_anthropic_betas
"""
# litellm_params keys: the fields of GenericLiteLLMParams, CredentialLiteLLMParams and LiteLLMParamsTypedDict
# (litellm/types/router.py), the LiteLLM-owned call options of litellm/types/litellm_params.py, the arguments of
# litellm.completion (litellm/main.py) and OPENAI_CHAT_COMPLETION_PARAMS (litellm/constants.py), and a few
# provider parameters LiteLLM passes through. The documented ones are in PARAMS_FIELDS.
OTHER_PARAMS = """
    adaptive_router_config adaptive_router_default_model allow_client_keepalive_override allowed_model_region
    allowed_openai_params anthropic_disable_workload_identity_federation anthropic_federation_rule_id
    anthropic_federation_workspace_id anthropic_identity_source anthropic_identity_token_file
    anthropic_issuer_audience anthropic_issuer_signing_key_ref anthropic_issuer_subject anthropic_issuer_ttl_seconds
    anthropic_issuer_url anthropic_keycloak_auth_method anthropic_keycloak_client_id
    anthropic_keycloak_client_secret_ref anthropic_keycloak_scope anthropic_keycloak_token_url
    anthropic_organization_id anthropic_service_account_id assistant_continue_message audio auto_router_config
    auto_router_config_path auto_router_default_model auto_router_embedding_model auto_router_max_input_chars
    auto_router_model_compression auto_router_routing_compression aws_batch_role_arn
    aws_bedrock_control_plane_endpoint aws_bedrock_project_id aws_bedrock_runtime_endpoint aws_external_id
    aws_profile_name aws_role_name aws_session_name aws_session_tags aws_sts_endpoint aws_web_identity_token azure
    azure_ad_token_provider azure_scope azure_username base_url bedrock_tags bos_token bucket_name cache caching
    caching_groups chatgpt_auth_file client client_id complete_response complexity_router_config
    complexity_router_default_model configurable_clientside_auth_params context_window_fallback_dict cost_per_query
    custom_prompt_dict daily_reset_time default_api_key_rpm_limit default_api_key_tpm_limit default_headers
    deployment_id disable_add_transform_inline_image_block embedding_model enable_json_schema_validation
    enable_prompt_caching enable_tag_filtering ensure_alternating_roles eos_token extra_body fallbacks
    fastest_response final_prompt_value fireworks_forward_user_id force_timeout frequency_penalty function_call
    functions gcs_bucket_name github_copilot_auth_type github_copilot_host github_copilot_user_session guardrails
    headers hf_model_name id include_server_side_tool_invocations index_name initial_prompt_value itpm keep_alive
    keepalive_seconds kubernetes_pod_discovery litellm_metadata litellm_request_debug litellm_session_id
    litellm_system_prompt litellm_trace_id log_client_error_tracebacks logger_fn logit_bias logprobs
    max_agentic_loops max_completion_tokens max_file_size_mb messages metadata milvus_db_name milvus_partition_names
    milvus_text_field mock_timeout modalities model_id model_info model_list n no_log num_ctx
    openai_identity_provider_id openai_identity_token_file openai_service_account_id otpm parallel_tool_calls
    prediction presence_penalty project_id prompt_cache_key prompt_cache_retention prompt_environment prompt_id
    prompt_label prompt_variables prompt_version provider_affinity_header provider_specific_header
    quality_router_config quality_router_default_model request_timeout response_format responses_api_version
    retry_policy retry_strategy roles routing_strategy rpd s3_access_key_id s3_bucket_name s3_bucket_owner
    s3_encryption_key_id s3_endpoint_url s3_output_bucket_name s3_region_name safety_identifier safety_settings
    search_tool_name service_tier shared_session silent_model space_id ssl_verify store stream_chunk_size
    stream_options stream_timeout_by_service_tier supports_system_message tag_regex tenant_id
    thought_signature_in_tool_call_id timeout_by_service_tier token_exchange_audience token_exchange_endpoint
    token_exchange_profile token_exchange_scope tool_choice tools top_k top_logprobs tpd ttl
    use_chat_completions_api use_litellm_proxy use_xai_oauth user user_continue_message valkey_embedding_field
    valkey_host valkey_port valkey_ssl valkey_text_field vector_bucket_name vector_store_id verbose verbosity
    watsonx_region_name web_search_options
"""
# Custom pricing: MirroredPricingParams and CustomPricingLiteLLMParams (litellm/types/utils.py), and the price
# keys of model_prices_and_context_window_backup.json; valid in litellm_params and model_info alike.
PRICING = """
    annotation_cost_per_page annotation_cost_per_page_batches cache_creation_input_audio_token_cost
    cache_creation_input_token_cost cache_creation_input_token_cost_above_100k_tokens
    cache_creation_input_token_cost_above_100k_tokens_batches cache_creation_input_token_cost_above_12hr
    cache_creation_input_token_cost_above_12hr_above_272k_tokens
    cache_creation_input_token_cost_above_12hr_above_272k_tokens_batches
    cache_creation_input_token_cost_above_12hr_above_272k_tokens_flex
    cache_creation_input_token_cost_above_12hr_above_272k_tokens_priority
    cache_creation_input_token_cost_above_12hr_above_272k_tokens_ultrafast
    cache_creation_input_token_cost_above_12hr_batches cache_creation_input_token_cost_above_12hr_flex
    cache_creation_input_token_cost_above_12hr_priority cache_creation_input_token_cost_above_12hr_ultrafast
    cache_creation_input_token_cost_above_1hr cache_creation_input_token_cost_above_1hr_above_100k_tokens
    cache_creation_input_token_cost_above_1hr_above_200k_tokens cache_creation_input_token_cost_above_200k_tokens
    cache_creation_input_token_cost_above_200k_tokens_batches cache_creation_input_token_cost_above_272k_tokens
    cache_creation_input_token_cost_above_272k_tokens_batches
    cache_creation_input_token_cost_above_272k_tokens_decisions
    cache_creation_input_token_cost_above_272k_tokens_flex
    cache_creation_input_token_cost_above_272k_tokens_priority
    cache_creation_input_token_cost_above_272k_tokens_ultrafast cache_creation_input_token_cost_batches
    cache_creation_input_token_cost_decisions cache_creation_input_token_cost_flex
    cache_creation_input_token_cost_priority cache_creation_input_token_cost_ultrafast
    cache_read_input_audio_token_cost cache_read_input_audio_token_cost_batches
    cache_read_input_audio_token_cost_flex cache_read_input_audio_token_cost_priority
    cache_read_input_image_token_cost cache_read_input_token_cost cache_read_input_token_cost_above_100k_tokens
    cache_read_input_token_cost_above_100k_tokens_batches cache_read_input_token_cost_above_200k_tokens
    cache_read_input_token_cost_above_200k_tokens_batches cache_read_input_token_cost_above_200k_tokens_priority
    cache_read_input_token_cost_above_272k_tokens cache_read_input_token_cost_above_272k_tokens_batches
    cache_read_input_token_cost_above_272k_tokens_decisions cache_read_input_token_cost_above_272k_tokens_flex
    cache_read_input_token_cost_above_272k_tokens_priority cache_read_input_token_cost_above_272k_tokens_ultrafast
    cache_read_input_token_cost_above_512k_tokens cache_read_input_token_cost_balanced
    cache_read_input_token_cost_batches cache_read_input_token_cost_decisions cache_read_input_token_cost_flex
    cache_read_input_token_cost_priority cache_read_input_token_cost_ultrafast citation_cost_per_token
    code_interpreter_cost_per_session computer_use_input_cost_per_1k_tokens computer_use_output_cost_per_1k_tokens
    cost_per_ptu_per_hour cost_per_second explicit_cache_read_input_token_cost file_search_cost_per_1k_calls
    file_search_cost_per_gb_per_day google_maps_grounding_cost_per_query guardrail_cost_per_unit
    input_cost_per_audio_per_second input_cost_per_audio_per_second_above_128k_tokens input_cost_per_audio_token
    input_cost_per_audio_token_batches input_cost_per_audio_token_flex input_cost_per_audio_token_priority
    input_cost_per_character input_cost_per_character_above_128k_tokens input_cost_per_image
    input_cost_per_image_above_128k_tokens input_cost_per_image_token input_cost_per_image_token_batches
    input_cost_per_pixel input_cost_per_query input_cost_per_request input_cost_per_second
    input_cost_per_text_message input_cost_per_token input_cost_per_token_above_100k_tokens
    input_cost_per_token_above_100k_tokens_batches input_cost_per_token_above_128k_tokens
    input_cost_per_token_above_200k_tokens input_cost_per_token_above_200k_tokens_batches
    input_cost_per_token_above_200k_tokens_priority input_cost_per_token_above_256k_tokens
    input_cost_per_token_above_272k_tokens input_cost_per_token_above_272k_tokens_batches
    input_cost_per_token_above_272k_tokens_decisions input_cost_per_token_above_272k_tokens_flex
    input_cost_per_token_above_272k_tokens_priority input_cost_per_token_above_272k_tokens_ultrafast
    input_cost_per_token_above_32k_tokens input_cost_per_token_above_512k_tokens input_cost_per_token_balanced
    input_cost_per_token_batches input_cost_per_token_cache_hit input_cost_per_token_decisions
    input_cost_per_token_flex input_cost_per_token_priority input_cost_per_token_ultrafast
    input_cost_per_video_per_second input_cost_per_video_per_second_above_128k_tokens
    input_cost_per_video_per_second_above_15s_interval input_cost_per_video_per_second_above_8s_interval
    input_cost_per_video_token input_cost_per_video_token_batches input_dbu_cost_per_token ocr_cost_per_credit
    ocr_cost_per_page ocr_cost_per_page_batches off_peak_pricing output_cost_per_audio_per_second
    output_cost_per_audio_token output_cost_per_character output_cost_per_character_above_128k_tokens
    output_cost_per_image output_cost_per_image_0.5K output_cost_per_image_1024 output_cost_per_image_1536
    output_cost_per_image_1K output_cost_per_image_2K output_cost_per_image_4K output_cost_per_image_512
    output_cost_per_image_token output_cost_per_image_token_batches output_cost_per_pixel
    output_cost_per_reasoning_token output_cost_per_reasoning_token_flex output_cost_per_reasoning_token_priority
    output_cost_per_second output_cost_per_second_1080p output_cost_per_second_2k output_cost_per_second_480p
    output_cost_per_second_4k output_cost_per_second_720p output_cost_per_second_768p output_cost_per_token
    output_cost_per_token_above_100k_tokens output_cost_per_token_above_100k_tokens_batches
    output_cost_per_token_above_128k_tokens output_cost_per_token_above_200k_tokens
    output_cost_per_token_above_200k_tokens_batches output_cost_per_token_above_200k_tokens_priority
    output_cost_per_token_above_256k_tokens output_cost_per_token_above_272k_tokens
    output_cost_per_token_above_272k_tokens_batches output_cost_per_token_above_272k_tokens_decisions
    output_cost_per_token_above_272k_tokens_flex output_cost_per_token_above_272k_tokens_priority
    output_cost_per_token_above_272k_tokens_ultrafast output_cost_per_token_above_32k_tokens
    output_cost_per_token_above_512k_tokens output_cost_per_token_balanced output_cost_per_token_batches
    output_cost_per_token_decisions output_cost_per_token_flex output_cost_per_token_priority
    output_cost_per_token_ultrafast output_cost_per_video_per_second output_cost_per_video_token
    output_dbu_cost_per_token output_vector_size pricing_provider regional_endpoint_uplift_multiplier
    regional_processing_uplift_multiplier_eu regional_processing_uplift_multiplier_us search_context_cost_per_query
    search_free_requests search_queries_cost_per_query tiered_pricing vector_store_cost_per_gb_per_day
"""
# model_info keys: the fields of ModelInfo (litellm/types/router.py), the keys of
# model_prices_and_context_window_backup.json, and every key LiteLLM reads with model_info.get(...).
OTHER_MODEL_INFO = """
    access_via_team_ids access_windows aliases allow_fail_open audio_transcription_config
    bedrock_converse_supports_strict_tools bedrock_output_config_effort_ceiling blocked cache_control_ttl comment
    created_at created_by custom_metadata custom_tags custom_tokenizer db_model default_reasoning_effort
    deprecation_date discoverable enable_tag_filtering enforce_supported_endpoints gemini_audio_only_live
    gemini_native_audio health_check_max_tokens health_check_max_tokens_non_reasoning
    health_check_max_tokens_reasoning health_check_params health_check_reasoning_effort
    health_check_supports_max_tokens health_check_voice internal_router_model itpm litellm_routing_preferences
    max_embedding_batch_size member_auto_router metadata model_id original_model_id otpm prompt_cache_min_tokens
    provider_specific_entry ptu_count ptu_effective_from ptu_effective_to ptu_shares reasoning_contexts
    reasoning_effort_levels reasoning_modes rpm rules source successor_model supported_audio_formats
    supported_endpoints supported_modalities supported_openai_params supported_output_modalities supported_regions
    team_public_model_name thinking_always_on token_count_framing token_count_model token_count_tokenizer tpm
    updated_at updated_by use_openai_responses_path uses_embed_content vertex_ai_audio_api web_search_billing_unit
"""
CAPABILITIES = """
    supports_adaptive_thinking supports_anthropic_compaction supports_anthropic_thinking_payload
    supports_assistant_prefill supports_audio_input supports_audio_output
    supports_bedrock_converse_tool_result_images supports_bedrock_native_structured_output
    supports_bedrock_runtime_chat_completions_inline_reasoning
    supports_bedrock_runtime_chat_completions_response_format
    supports_bedrock_runtime_chat_completions_tools_with_reasoning supports_box_questions supports_computer_use
    supports_embedding_image_input supports_fast_mode supports_forced_tool_use supports_function_calling
    supports_image_input supports_image_size supports_legacy_thinking supports_low_reasoning_effort
    supports_max_reasoning_effort supports_mid_conversation_system supports_minimal_reasoning_effort
    supports_multimodal supports_native_streaming supports_native_structured_output supports_none_reasoning_effort
    supports_nova_canvas_image_edit supports_output_config supports_parallel_function_calling
    supports_parallel_tool_use_config supports_pdf_input supports_prompt_cache_breakpoint supports_prompt_caching
    supports_reasoning supports_regex_lookaround supports_response_schema supports_sampling_params supports_speed
    supports_system_messages supports_thinking_cache_preservation supports_tool_choice supports_tool_search
    supports_url_context supports_video_input supports_vision supports_web_search supports_xhigh_reasoning_effort
"""
# Top-level keys proxy/proxy_server.py (load_config, get_config) and proxy/common_utils/config_includes.py read.
OTHER_TOP_LEVEL = {
    "include": "Other config files merged into this one (their `model_list` entries are added).",
    "guardrails": "Guardrails: a list of `{guardrail_name, litellm_params}`.",
    "callback_settings": "Settings for individual logging callbacks.",
    "credential_list": "Named credentials that deployments reference with `litellm_credential_name`.",
    "search_tools": "Search tools the proxy serves.",
    "sandbox_tools": "Sandboxed code tools.",
    "assistant_settings": "The Assistants API backend.",
    "finetune_settings": "Fine-tuning API settings.",
    "files_settings": "Files API settings.",
    "default_vertex_config": "Vertex AI settings for the pass-through routes.",
    "prompts": "Managed prompts.",
    "mcp_tools": "MCP tools.",
    "mcp_servers": "MCP servers the proxy connects to.",
    "agents": "A2A agents.",
    "agent_list": "A2A agents (older name of `agents`).",
    "vector_store_registry": "Vector stores.",
    "worker_registry": "Proxy instances a control plane manages.",
    "policies": "Guardrail policies.",
    "policy_attachments": "Where guardrail policies apply.",
}

ENV_PREFIX = "os.environ/"
MAX_FALLBACKS_DEFAULT = 5  # ROUTER_MAX_FALLBACKS in litellm/constants.py
FALLBACK_SETTINGS = ("fallbacks", "context_window_fallbacks", "content_policy_fallbacks")
# Settings router_settings and litellm_settings share; the router's wins (router_python_core.py __init__).
SHARED_SETTINGS = (*FALLBACK_SETTINGS, "default_fallbacks", "max_fallbacks", "num_retries", "allowed_fails")
MASTER_KEY = "master_key"
MASTER_KEY_ENV = "LITELLM_MASTER_KEY"  # read when general_settings has no master_key


# --- The schema -----------------------------------------------------------------------------------------------

# A number or a flag may also be read from the environment (`rpm: os.environ/GPT4_RPM`).
ENV_STRING = Str(
    pattern=re.escape(ENV_PREFIX) + r".+",
    pattern_help="write the value itself, or os.environ/VAR to read it from the environment",
)


def _text(doc: str) -> Field:
    return Field(Str(doc=doc), doc=doc)


def _secret(doc: str) -> Field:
    return Field(Str(secret=True, doc=doc), doc=doc)


def _opaque(doc: str) -> Field:
    """A setting routec passes over: documented for editors, its value not checked."""
    return Field(Anything(doc=doc), doc=doc)


def _int(doc: str, minimum: int = 0) -> Field:
    return Field(OneOf(options=(Int(minimum=minimum), ENV_STRING), doc=doc), doc=doc)


def _num(doc: str, minimum: float = 0) -> Field:
    return Field(OneOf(options=(Num(minimum=minimum), ENV_STRING), doc=doc), doc=doc)


def _flag(doc: str) -> Field:
    return Field(OneOf(options=(Bool(), ENV_STRING), doc=doc), doc=doc)


def _names(doc: str) -> Field:
    return Field(ListOf(items=Str(doc="A `model_name`."), what="a list of model_names", doc=doc), doc=doc)


def _choice(doc: str, choices: dict[str, str]) -> Field:
    return Field(Str(choices=tuple(choices), choice_docs=choices, doc=doc), doc=doc)


def _passed(names: str, doc: Callable[[str], str], make: Callable[[str], Field] = _opaque) -> dict[str, Field]:
    return {name: make(doc(name)) for name in names.split()}


PRICING_FIELDS = _passed(PRICING, lambda name: "Custom price for cost tracking (USD); overrides LiteLLM's price list.")

FALLBACK_TARGET_DOC = "A `model_name` (or `model_group_alias`) to try, in order."
FALLBACK_TARGET = OneOf(
    doc=FALLBACK_TARGET_DOC,
    options=(
        Str(doc=FALLBACK_TARGET_DOC),
        Obj(
            what="a fallback with request overrides (a mapping with `model`)",
            unknown="allow",
            doc="A fallback that also overrides request parameters.",
            fields={"model": Field(Str(), required=True, doc="The `model_name` to try.")},
        ),
    ),
)
FALLBACK_ENTRY_DOC = "`{model_name: [fallbacks]}`: one key, the group that failed; its value, the groups to try."
FALLBACK_ENTRY = MapOf(
    values=ListOf(items=FALLBACK_TARGET, what="a list of model_names", doc="The groups to try, in order."),
    what="a one-key mapping {model_name: [fallbacks]}",
    key_kind="model_name",
    doc=FALLBACK_ENTRY_DOC,
    # The one-key rule is checked while lowering (RC006); the published schema says it too.
    json_schema={
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "additionalProperties": {
            "description": "The groups to try, in order.",
            "type": "array",
            "items": {
                "description": FALLBACK_TARGET_DOC,
                "anyOf": [
                    {"type": "string"},
                    {
                        "type": "object",
                        "required": ["model"],
                        "properties": {"model": {"description": "The `model_name` to try.", "type": "string"}},
                    },
                ],
            },
        },
    },
)


def _fallbacks(doc: str) -> Field:
    return Field(
        ListOf(items=FALLBACK_ENTRY, what="a list of one-key mappings {model_name: [fallbacks]}", doc=doc), doc=doc
    )


def _error_policy(suffix: str, doc: str) -> Obj:
    fields = {f"{error}{suffix}": _int(f"For {error}s.") for error in ERROR_TYPES}
    if suffix == "AllowedFails":
        fields["BadGatewayErrorAllowedFails"] = _int("For BadGatewayErrors.")
    else:
        fields["DefaultRetries"] = _int("For any other error.")
    return Obj(what=f"a mapping of error types to numbers ({suffix})", doc=doc, fields=fields)


RETRY_POLICY = _error_policy("Retries", "Retries per error type, instead of `num_retries` for all.")
ALIAS_TARGET = OneOf(
    doc="The `model_name` this alias stands for, or `{model, hidden}`.",
    options=(
        Str(doc="The `model_name` this alias stands for."),
        Obj(
            what="an alias target (a mapping with `model`)",
            doc="An alias target that can be hidden from `/models`.",
            fields={
                "model": Field(Str(), required=True, doc="The `model_name` this alias stands for."),
                "hidden": _flag("Leave the alias out of `/models` and `/model/info`."),
            },
        ),
    ),
)
ROUTING_GROUP = Obj(
    what="a routing group (a mapping with `group_name`, `models` and `routing_strategy`)",
    doc="A named set of model groups with a routing strategy of its own.",
    fields={
        "group_name": Field(Str(), required=True, doc="The name clients call."),
        "models": Field(
            ListOf(items=Str(doc="A `model_name`."), what="a list of model_names"),
            required=True,
            doc="The model groups in this routing group.",
        ),
        "routing_strategy": Field(
            Str(), required=True, doc="How the group picks a model: a routing strategy, or `priority`."
        ),
        "routing_strategy_args": _opaque("Arguments for the group's routing strategy."),
        "model_priorities": _opaque("For `priority` groups: each model's priority, lower first."),
    },
)

ROUTER_FIELDS: dict[str, Field] = {
    "routing_strategy": _choice("How the router picks a deployment within a model group.", ROUTING_STRATEGIES),
    "routing_strategy_args": _opaque("Arguments for the routing strategy, e.g. the latency window."),
    "routing_groups": Field(ListOf(items=ROUTING_GROUP, what="a list of routing groups"), doc=ROUTING_GROUP.doc),
    "model_group_alias": Field(
        MapOf(values=ALIAS_TARGET, what="a mapping of aliases to model_names", key_kind="alias"),
        doc="Other names for model groups: `{alias: model_name}` or `{alias: {model: model_name, hidden: true}}`.",
    ),
    "fallbacks": _fallbacks("Groups to try when a group fails: a list of `{model_name: [fallbacks]}`; `*` for all."),
    "context_window_fallbacks": _fallbacks("Groups to try when a request is too long for a group's context window."),
    "content_policy_fallbacks": _fallbacks("Groups to try when a provider refuses a request on content policy."),
    "default_fallbacks": _names("Groups to try for every group that has no `fallbacks` entry of its own."),
    "max_fallbacks": _int("Most fallback attempts per request (default 5); every attempt counts."),
    "fallback_on_unsupported_params": _flag("Fall back when a provider rejects a parameter (default true)."),
    "num_retries": _int("Retries on the same group before falling back."),
    "retry_after": _int("Least seconds to wait before a retry."),
    "retry_policy": Field(RETRY_POLICY, doc=RETRY_POLICY.doc),
    "model_group_retry_policy": Field(
        MapOf(values=RETRY_POLICY, what="a mapping of model_names to retry policies", key_kind="model_name"),
        doc="A retry policy per model group.",
    ),
    "timeout": _num("Seconds before a request times out."),
    "stream_timeout": _num("Seconds before a streaming request times out."),
    "allowed_fails": _int("Failures per minute before a deployment cools down."),
    "allowed_fails_policy": Field(
        _error_policy("AllowedFails", "Allowed failures per error type before a cooldown."),
        doc="Allowed failures per error type before a cooldown.",
    ),
    "cooldown_time": _num("Seconds a failing deployment is left out."),
    "disable_cooldowns": _flag("Never cool a deployment down."),
    "enable_pre_call_checks": _flag("Leave out deployments whose context window is too small for the request."),
    "optional_pre_call_checks": Field(
        ListOf(
            items=Str(choices=tuple(PRE_CALL_CHECKS), choice_docs=PRE_CALL_CHECKS, doc="A pre-call check."),
            what="a list of checks",
        ),
        doc="More checks that filter deployments before a call.",
    ),
    "enable_tag_filtering": _flag("Route by the request's tags to deployments with matching `tags`."),
    "tag_filtering_match_any": _flag("A deployment matches when it has any of the request's tags (default true)."),
    "tag_routing_prefix": _text("A prefix that marks routing tags."),
    "redis_host": _text("Redis host, to share usage and cooldowns across proxy instances."),
    "redis_port": _int("Redis port.", 1),
    "redis_password": _secret("Redis password; write `os.environ/REDIS_PASSWORD`."),
    "redis_url": _text("Redis URL, instead of host and port."),
    "redis_db": _int("Redis database number."),
    "cache_responses": _flag("Cache responses in the router."),
    "cache_kwargs": _opaque("More arguments for the router's Redis cache."),
    "caching_groups": _opaque("Model groups that share a response cache."),
    "client_ttl": _int("Seconds before cached provider clients are rebuilt (default 3600)."),
    "polling_interval": _num("How often the scheduler polls its queue, in seconds."),
    "default_priority": _int("Scheduler priority of requests that set none."),
    "default_litellm_params": _opaque("Parameters every request gets unless it sets its own."),
    "default_max_parallel_requests": _int("Most requests in flight per deployment, when a deployment sets none.", 1),
    "set_verbose": _flag("Verbose router logs."),
    "debug_level": _choice("Router log level.", {"DEBUG": "Debug logs.", "INFO": "Info logs (the default)."}),
    "provider_budget_config": _opaque("Spend limits per provider, for `provider-budget-routing`."),
    "alerting_config": _opaque("Slack alerts from the router."),
    "deployment_affinity_ttl_seconds": _int("How long a key stays on one deployment (default 3600)."),
    "model_group_affinity_config": _opaque("Model groups that share deployment affinity."),
    "enable_health_check_routing": _flag("Leave out deployments that fail background health checks."),
    "health_check_staleness_threshold": _int("Seconds after which a health check result is stale."),
    "health_check_ignore_transient_errors": _flag("Do not mark a deployment unhealthy on transient errors."),
    "background_health_check_model_groups": _names("The only groups background health checks probe."),
    "enable_weighted_failover": _flag("Retry on another deployment of the group before falling back."),
    "enable_mid_stream_fallback_continuation": _flag("Continue a broken stream on a fallback deployment."),
    "session_affinity_repin_on_failover": _flag("Move a session to its replacement deployment after a failover."),
    "guardrail_list": _opaque("Guardrails the router runs."),
    "plugins": _opaque("Routing plugins."),
}
PARAMS_FIELDS: dict[str, Field] = {
    "model": Field(
        Str(),
        required=True,
        doc="`provider/model` as LiteLLM calls it, e.g. `openai/gpt-4o`, `azure/<deployment>`, `bedrock/<model id>`.",
    ),
    "api_key": _secret("The provider key; write `os.environ/OPENAI_API_KEY`, never the key."),
    "api_base": _text("The provider endpoint, for Azure, self-hosted and OpenAI-compatible servers."),
    "api_version": _text("API version (Azure)."),
    "custom_llm_provider": _text("The provider, when `model` has no `provider/` prefix."),
    "organization": _opaque("OpenAI organization id."),
    "rpm": _int("Requests per minute this deployment takes; weights load balancing."),
    "tpm": _int("Tokens per minute this deployment takes; weights load balancing."),
    "weight": _num("Share of the group's traffic under `simple-shuffle`."),
    "order": _int("Priority within the group: order 1 first, order 2 only when order 1 is unavailable.", 1),
    "max_parallel_requests": _int("Most requests in flight on this deployment.", 1),
    "timeout": _num("Seconds before a request to this deployment times out."),
    "stream_timeout": _num("Seconds before a streaming request to this deployment times out."),
    "max_retries": _int("Retries inside the provider client."),
    "num_retries": _int("Retries for this deployment."),
    "cooldown_time": _num("Seconds this deployment is left out after failing."),
    "drop_params": _flag("Drop parameters the provider does not support instead of failing."),
    "tags": Field(ListOf(items=Str(doc="A tag."), what="a list of tags"), doc="Tags for tag-based routing."),
    "litellm_credential_name": _text("A credential from `credential_list` to use."),
    "region_name": _text("Region (unified for providers that have one)."),
    "aws_access_key_id": _secret("AWS access key id; write `os.environ/AWS_ACCESS_KEY_ID`."),
    "aws_secret_access_key": _secret("AWS secret access key; write `os.environ/AWS_SECRET_ACCESS_KEY`."),
    "aws_session_token": _secret("AWS session token; write `os.environ/AWS_SESSION_TOKEN`."),
    "aws_region_name": _text("AWS region (Bedrock, SageMaker)."),
    "vertex_project": _text("Google Cloud project (Vertex AI)."),
    "vertex_location": _text("Vertex AI location, e.g. `us-central1`."),
    "vertex_credentials": _opaque("Path to (or contents of) a Google service account file; write `os.environ/...`."),
    "azure_ad_token": _secret("Azure AD token; write `os.environ/AZURE_AD_TOKEN`."),
    "client_secret": _secret("Azure AD client secret; write `os.environ/AZURE_CLIENT_SECRET`."),
    "azure_password": _secret("Azure AD password; write an environment reference."),
    "s3_secret_access_key": _secret("S3 secret key for batch files; write an environment reference."),
    "valkey_password": _secret("Valkey password; write an environment reference."),
    "anthropic_identity_token": _secret("Anthropic workload identity token; write an environment reference."),
    "base_model": _text("The model to price this deployment as, e.g. `azure/gpt-4o`."),
    "max_budget": _num("Spend limit for this deployment (USD) per `budget_duration`."),
    "budget_duration": _text("Budget period, e.g. `30d`."),
    "use_in_pass_through": _flag("Use this deployment's credentials for pass-through routes."),
    "merge_reasoning_content_in_choices": _flag("Put reasoning content into the message text."),
    "mock_response": _opaque("A fixed response, for tests."),
    "temperature": _num("Sampling temperature for every request to this deployment."),
    "max_tokens": _int("Most output tokens for every request to this deployment.", 1),
    "top_p": _num("Nucleus sampling for every request to this deployment."),
    "stop": _opaque("Stop sequences for every request to this deployment."),
    "seed": _int("Sampling seed for every request to this deployment."),
    "stream": _flag("Stream every request to this deployment."),
    "reasoning_effort": _text("Reasoning effort for every request to this deployment."),
    "thinking": _opaque("Extended thinking settings for every request to this deployment."),
    "extra_headers": _opaque("Headers sent with every request to this deployment."),
    **_passed(OTHER_PARAMS, lambda name: f"Passed to `litellm.completion` as `{name}`."),
    **PRICING_FIELDS,
}
LITELLM_PARAMS = Obj(
    what="litellm_params (a mapping with `model`)",
    unknown="warning",
    doc="How LiteLLM calls this deployment: `model` and its credentials; other keys are passed to the provider.",
    fields=PARAMS_FIELDS,
    misplaced={
        "model_name": "`model_name` belongs on the deployment, next to `litellm_params`",
        "mode": "LiteLLM reads `mode` from `model_info`",
        "max_input_tokens": "LiteLLM reads `max_input_tokens` from `model_info`",
    },
)
MODEL_INFO_FIELDS: dict[str, Field] = {
    "id": _text("A unique id for this deployment (default: a hash of its settings)."),
    "mode": _text("What the model does: chat, completion, embedding, image_generation, audio_transcription, ..."),
    "base_model": _text("The model to price this deployment as, e.g. `azure/gpt-4o`."),
    "max_tokens": _int("Most tokens (input and output)."),
    "max_input_tokens": _int("Context window, for `enable_pre_call_checks` and `context_window_fallbacks`."),
    "max_output_tokens": _int("Most output tokens."),
    "access_groups": Field(
        ListOf(items=Str(doc="An access group."), what="a list of access groups"),
        doc="Access groups keys and teams can be given instead of model names.",
    ),
    "team_id": _text("The team this deployment belongs to."),
    "tier": _choice("Pricing tier.", {"free": "A free tier.", "paid": "A paid tier."}),
    "supported_environments": _opaque("Environments this deployment is active in (`LITELLM_ENVIRONMENT`)."),
    "health_check_model": _text("The model to probe in health checks, for wildcard deployments."),
    "health_check_timeout": _num("Seconds before a health check of this deployment times out."),
    "disable_background_health_check": _flag("Leave this deployment out of background health checks."),
    "display_name": _text("Name shown in the UI."),
    "description": _text("Free text shown with the model (LiteLLM keeps extra `model_info` keys as metadata)."),
    "litellm_provider": _text("The provider, for pricing."),
    **_passed(OTHER_MODEL_INFO, lambda name: f"Model information LiteLLM reads, `{name}`."),
    **_passed(
        CAPABILITIES,
        lambda name: f"Whether the model supports {name.removeprefix('supports_').replace('_', ' ')}.",
        _flag,
    ),
    **PRICING_FIELDS,
}
# Extra keys are kept as metadata and served by /model/info; only near misses of known keys are reported.
MODEL_INFO = Obj(
    what="model_info (a mapping)",
    unknown="allow",
    doc="What LiteLLM knows about this deployment: id, mode, limits, prices, capabilities, and your own metadata.",
    fields=MODEL_INFO_FIELDS,
)
UNDER_PARAMS = "LiteLLM reads it from `litellm_params`"
DEPLOYMENT = Obj(
    what="a deployment (a mapping with `model_name` and `litellm_params`)",
    doc="One deployment; deployments that share a `model_name` form a load-balanced model group.",
    fields={
        "model_name": Field(Str(), required=True, doc="The model group name clients send as `model`."),
        "litellm_params": Field(LITELLM_PARAMS, required=True, doc=LITELLM_PARAMS.doc),
        "model_info": Field(MODEL_INFO, doc=MODEL_INFO.doc),
        "blocked": _flag("Pause this deployment."),
    },
    misplaced={
        "model": "the provider model goes under `litellm_params.model`",
        "api_key": UNDER_PARAMS,
        "api_base": UNDER_PARAMS,
        "rpm": UNDER_PARAMS,
        "tpm": UNDER_PARAMS,
        "weight": UNDER_PARAMS,
        "fallbacks": "fallbacks are set in `router_settings.fallbacks` as `{model_name: [fallbacks]}`",
    },
)


def _litellm_setting_doc(name: str) -> str:
    return f"Sets `litellm.{name}` in the proxy."


LITELLM_SETTINGS_FIELDS: dict[str, Field] = {
    "drop_params": _flag("Drop parameters a provider does not support instead of failing the request."),
    "modify_params": _flag("Let LiteLLM adjust requests a provider would reject (e.g. message order)."),
    "set_verbose": _flag("Verbose logs (debug only)."),
    "json_logs": _flag("Log as JSON."),
    "request_timeout": _num("Seconds before a provider call times out (default 6000)."),
    "num_retries": _int("Retries per request; `router_settings.num_retries` wins when both are set."),
    "max_fallbacks": _int("Most fallback attempts; `router_settings.max_fallbacks` wins when both are set."),
    "allowed_fails": _int("Failures before a cooldown; `router_settings.allowed_fails` wins when both are set."),
    "fallbacks": _fallbacks("Fallbacks, when `router_settings` sets none (it wins when both are set)."),
    "context_window_fallbacks": _fallbacks("Context-window fallbacks, when `router_settings` sets none."),
    "content_policy_fallbacks": _fallbacks("Content-policy fallbacks, when `router_settings` sets none."),
    "default_fallbacks": _names("Default fallbacks, when `router_settings` sets none."),
    "callbacks": _opaque("Callbacks for success and failure: names such as `prometheus`, or `module.instance`."),
    "success_callback": _opaque("Callbacks run after a successful call, e.g. `langfuse`."),
    "failure_callback": _opaque("Callbacks run after a failed call."),
    "service_callback": _opaque("Callbacks for proxy service health (Redis, database)."),
    "cache": _flag("Cache responses (configure with `cache_params`)."),
    "cache_params": _opaque("The response cache: `type` (redis, s3, ...), host, ttl, ..."),
    "turn_off_message_logging": _flag("Leave messages and responses out of logs."),
    "redact_user_api_key_info": _flag("Leave key, user and team details out of logs."),
    "max_budget": _num("Proxy-wide spend limit (USD)."),
    "budget_duration": _text("Period of `max_budget`, e.g. `30d`."),
    "guardrails": _opaque("Guardrails (older list form; prefer the top-level `guardrails`)."),
    "ssl_verify": _opaque("Verify provider TLS certificates (true, false, or a CA bundle path)."),
    "force_ipv4": _flag("Connect to providers over IPv4 only."),
    "enable_preview_features": _flag("Turn on preview features."),
    "return_response_headers": _flag("Return the provider's response headers."),
    "default_team_settings": _opaque("Per-team settings: a list of `{team_id, ...}`."),
    "default_key_generate_params": _opaque("Defaults for keys generated through the API."),
    "upperbound_key_generate_params": _opaque("Limits for keys generated through the API."),
    "key_generation_settings": _opaque("Who may generate keys."),
    "max_internal_user_budget": _num("Spend limit for internal users (USD)."),
    "internal_user_budget_duration": _text("Period of `max_internal_user_budget`."),
    "model_group_settings": _opaque("Settings per model group, e.g. forwarded client headers."),
    "disable_end_user_cost_tracking": _flag("Do not track spend per end user."),
    "api_key": _secret("Key used for providers that have none; write `os.environ/...`."),
    **_passed(
        LITELLM_SETTINGS_KEYS, lambda name: f"Sets `litellm.{name}`, a provider key; write `os.environ/...`.", _secret
    ),
    **_passed(OTHER_LITELLM_SETTINGS, _litellm_setting_doc),
}
IN_ROUTER = "a router setting: LiteLLM reads it from `router_settings`, not here"
IN_GENERAL = "a proxy setting: LiteLLM reads it from `general_settings`, not here"
IN_LITELLM = "a module setting: LiteLLM reads it from `litellm_settings`, not here"
LITELLM_SETTINGS = Obj(
    what="litellm_settings (a mapping)",
    unknown="warning",
    doc="LiteLLM module settings: each key sets `litellm.<key>` (logging, caching, retries, budgets, ...).",
    fields=LITELLM_SETTINGS_FIELDS,
    misplaced={
        **{name: IN_ROUTER for name in ("routing_strategy", "model_group_alias", "redis_host", "redis_port")},
        **{name: IN_ROUTER for name in ("redis_password", "cooldown_time", "enable_pre_call_checks", "retry_policy")},
        "timeout": "LiteLLM's module setting is `request_timeout`; `router_settings.timeout` is the router's",
        **{name: IN_GENERAL for name in ("database_url", "store_model_in_db", "alerting", "background_health_checks")},
    },
)
GENERAL_FIELDS: dict[str, Field] = {
    MASTER_KEY: _secret(
        "The proxy's admin key; every request needs it or a key made with it. Write `os.environ/LITELLM_MASTER_KEY`."
    ),
    "database_url": _secret("Postgres URL for keys, teams and spend; write `os.environ/DATABASE_URL`."),
    "store_model_in_db": _flag("Keep models and settings added through the UI/API in the database."),
    "database_connection_pool_limit": _int("Database connection pool size (default 10).", 1),
    "database_connection_timeout": _num("Seconds before a database connection attempt fails (default 60)."),
    "allow_requests_on_db_unavailable": _flag("Keep serving when the database is down (keys cached)."),
    "disable_spend_logs": _flag("Do not write a spend log row per request."),
    "disable_reset_budget": _flag("Do not reset budgets on schedule."),
    "proxy_batch_write_at": _int("Seconds between batched spend writes."),
    "use_redis_transaction_buffer": _flag("Buffer spend writes in Redis (multiple instances)."),
    "alerting": _opaque("Where alerts go, e.g. `[slack]`."),
    "alerting_threshold": _num("Seconds before a slow or hanging request alerts."),
    "alert_types": _opaque("Which alerts to send."),
    "alert_to_webhook_url": _opaque("A webhook per alert type."),
    "background_health_checks": _flag("Check deployments' health in the background."),
    "health_check_interval": _int("Seconds between background health checks (default 300).", 1),
    "health_check_details": _flag("Show details in health check responses."),
    "allowed_routes": _opaque("The only routes the proxy serves."),
    "public_routes": _opaque("Routes that need no key."),
    "admin_only_routes": _opaque("Routes only the admin may call."),
    "allowed_ips": _opaque("The only client IPs the proxy accepts."),
    "custom_auth": _text("Your own auth function, `module.function`."),
    "enable_jwt_auth": _flag("Accept JWTs from your identity provider."),
    "litellm_jwtauth": _opaque("JWT auth settings."),
    "enforce_user_param": _flag("Require `user` on every request."),
    "max_parallel_requests": _int("Most requests in flight per key.", 1),
    "global_max_parallel_requests": _int("Most requests in flight for the whole proxy.", 1),
    "max_request_size_mb": _num("Largest request accepted, in MB."),
    "max_response_size_mb": _num("Largest response returned, in MB."),
    "infer_model_from_keys": _flag("List models for the provider keys set in the environment in `/models`."),
    "completion_model": _text("A `model_name` used for every chat request, whatever model it names."),
    "ui_access_mode": _opaque("Who may use the admin UI."),
    "key_management_system": _text("Where keys are read from: a secret manager such as `aws_secret_manager`."),
    "key_management_settings": _opaque("Secret manager settings."),
    "litellm_license": _secret("Enterprise license key; write `os.environ/LITELLM_LICENSE`."),
    "pass_through_endpoints": _opaque("Routes forwarded to other services as they are."),
    "dangerously_permit_weak_or_unset_master_key": _flag("Start without a strong master key (local development only)."),
    "disable_master_key_return": _flag("Never return the master key from the API."),
    "forward_client_headers_to_llm_api": _flag("Forward client headers to the provider."),
    "user_header_name": _text("Request header that names the end user."),
    "litellm_key_header_name": _text("Request header that carries the LiteLLM key."),
    "use_x_forwarded_for": _flag("Take the client IP from X-Forwarded-For."),
    "otel": _flag("Send traces to OpenTelemetry."),
    "spend_report_frequency": _text("How often spend reports are sent, e.g. `1d`."),
    **_passed(OTHER_GENERAL_SETTINGS, lambda name: f"A proxy setting, `{name}`, read from `general_settings`."),
}
GENERAL_SETTINGS = Obj(
    what="general_settings (a mapping)",
    unknown="warning",
    doc="Proxy settings: the master key, the database, auth, alerting, health checks, limits.",
    fields=GENERAL_FIELDS,
    misplaced={
        **{name: IN_ROUTER for name in ("routing_strategy", "fallbacks", "model_group_alias", "num_retries")},
        **{name: IN_LITELLM for name in ("drop_params", "callbacks", "success_callback", "cache", "cache_params")},
    },
)
ROUTER_SETTINGS = Obj(
    what="router_settings (a mapping)",
    unknown="warning",
    doc="How the router picks deployments and fails over: strategy, fallbacks, aliases, retries, cooldowns.",
    fields=ROUTER_FIELDS,
    misplaced={
        **ROUTER_MANAGED,
        "health_check_interval": "LiteLLM refuses to start: it belongs in `general_settings`",
        "health_check_concurrency": "LiteLLM refuses to start: it belongs in `general_settings`",
        **{name: IN_GENERAL for name in ("database_url", "background_health_checks", "alerting")},
        **{name: IN_LITELLM for name in ("drop_params", "callbacks", "success_callback", "cache", "cache_params")},
        "request_timeout": "the router's setting is `timeout`; `request_timeout` is a `litellm_settings` key",
    },
)
TOP_MISPLACED = {
    MASTER_KEY: "LiteLLM reads it only from `general_settings`, so the proxy gets no master key from here",
    **{name: IN_ROUTER for name in ("fallbacks", "routing_strategy", "model_group_alias", "num_retries", "timeout")},
    **{name: IN_ROUTER for name in ("context_window_fallbacks", "default_fallbacks", "max_fallbacks")},
    **{name: IN_LITELLM for name in ("drop_params", "callbacks", "success_callback", "cache", "cache_params")},
    **{name: IN_GENERAL for name in ("database_url", "store_model_in_db", "alerting")},
}
SCHEMA = Obj(
    what="a LiteLLM config (a mapping with `model_list`)",
    doc="LiteLLM proxy config.yaml",
    fields={
        "$schema": _text(
            "JSON Schema for editors; `litellm.schema.json` also selects this dialect in routec (LiteLLM ignores it)."
        ),
        "model_list": Field(
            ListOf(items=DEPLOYMENT, what="a list of deployments"),
            doc="The deployments; entries that share a `model_name` are load balanced.",
        ),
        "router_settings": Field(ROUTER_SETTINGS, doc=ROUTER_SETTINGS.doc),
        "litellm_settings": Field(LITELLM_SETTINGS, doc=LITELLM_SETTINGS.doc),
        "general_settings": Field(GENERAL_SETTINGS, doc=GENERAL_SETTINGS.doc),
        "environment_variables": Field(
            MapOf(values=Anything(doc="The value."), what="a mapping of variable names to values", key_kind="variable"),
            doc="Environment variables the proxy sets before it reads the rest (values may be `os.environ/...`).",
        ),
        **{name: _opaque(doc) for name, doc in OTHER_TOP_LEVEL.items()},
    },
    misplaced=TOP_MISPLACED,
)


# --- What the LiteLLM rules need --------------------------------------------------------------------------------


class Deployment(NamedTuple):
    position: int  # in model_list
    node: Mapping
    name: Scalar | None  # model_name
    model: Scalar | None  # litellm_params.model
    params: Mapping | None
    info: Mapping | None

    @property
    def path(self) -> str:
        return f"model_list[{self.position}]"


class FallbackEntry(NamedTuple):
    """One `{model_name: [fallbacks]}` entry, as LiteLLM reads it: its first key only."""

    setting: str  # "router_settings.fallbacks"
    position: int
    key: Scalar
    targets: list[Scalar]

    @property
    def path(self) -> str:
        return f"{self.setting}[{self.position}]"


class Shadowed(NamedTuple):
    """A setting LiteLLM ignores because another one wins."""

    ignored: Scalar  # the key that is ignored
    path: str  # where it is
    winner: Scalar  # the key that wins
    reason: str


class LiteLLMData:
    """What the LiteLLM rules read beyond the common model.

    A plain class: importing dataclasses (and inspect with it) cost every cold `routec check` 5 ms.
    """

    __slots__ = (
        *("deployments", "max_fallbacks", "max_fallbacks_node"),
        *("master_key_slips", "shadowed", "wildcards", "has_includes"),
    )

    def __init__(self, has_includes: bool = False) -> None:
        self.deployments: list[Deployment] = []
        self.max_fallbacks = MAX_FALLBACKS_DEFAULT
        self.max_fallbacks_node: Scalar | None = None
        # Keys that look like `master_key` but that LiteLLM does not read, when general_settings has none.
        self.master_key_slips: list[tuple[Scalar, str]] = []
        self.shadowed: list[Shadowed] = []
        # model_name patterns such as `openai/*` that serve names the config does not list.
        self.wildcards: list[str] = []
        # `include` merges other files: names may be defined there.
        self.has_includes = has_includes


def litellm_data(config: Config) -> LiteLLMData:
    """The LiteLLM data of a lowered LiteLLM config (an empty one for a root that is not a mapping)."""
    data = config.extension
    return data if isinstance(data, LiteLLMData) else LiteLLMData()


def env_var_for(provider: str) -> str:
    if provider in PROVIDER_ENV:
        return PROVIDER_ENV[provider]
    info = CATALOG.get(provider)
    if info is not None and info.env_var and provider not in ("gemini", "azure"):
        return info.env_var
    return re.sub(r"[^A-Z0-9]+", "_", provider.upper()) + "_API_KEY"


def provider_of(model: str) -> str | None:
    """The provider prefix of a LiteLLM model string: the part before the first `/`."""
    head, slash, _ = model.partition("/")
    return head.strip() if slash else None


# --- The dialect ------------------------------------------------------------------------------------------------


class LiteLLM(Dialect):
    name = "litellm"
    summary = "LiteLLM proxy config.yaml"
    schema = SCHEMA
    conventions = Conventions(
        known_providers=LITELLM_PROVIDERS,
        model_separator="/",
        yaml_version="1.1",
        env_syntax="os.environ/VAR",
        aliases_name_models=False,  # a model_group_alias names a model_name, never a model
        gateway="LiteLLM",
        provider_env=tuple(sorted(PROVIDER_ENV.items())),
        credential_paths=tuple((provider, "litellm_params.api_key") for provider in sorted(LITELLM_PROVIDERS)),
        secret_variables=(
            ("general_settings.master_key", "LITELLM_MASTER_KEY"),
            ("general_settings.database_url", "DATABASE_URL"),
            ("general_settings.litellm_license", "LITELLM_LICENSE"),
            ("router_settings.redis_password", "REDIS_PASSWORD"),
        ),
    )

    def looks_like(self, document: Document, path: str) -> bool:
        root = document.root
        return isinstance(root, Mapping) and any(
            key in root for key in ("model_list", "router_settings", "litellm_settings", "general_settings")
        )

    def lower_mapping(self, root: Mapping, config: Config) -> None:
        data = LiteLLMData(has_includes="include" in root)
        config.extension = data
        router = mapping_at(root, "router_settings")
        module = mapping_at(root, "litellm_settings")
        self.lower_deployments(list_at(root, "model_list"), config, data)
        self.lower_providers(root, config, data)
        self.lower_aliases(mapping_at(router, "model_group_alias"), config, data)
        settings = self.effective_settings(router, module, data)
        self.lower_fallbacks(settings, config, data)
        self.lower_other_names(root, router, config, data)
        self.check_fallback_entries(root, config)
        self.find_master_key_slips(root, config, data)
        self.report_model_info_slips(data, config)
        self.add_credentials(root, config, data)

    # Deployments and providers.

    def lower_deployments(self, entries: Sequence | None, config: Config, data: LiteLLMData) -> None:
        if entries is None:
            return
        for index, entry in enumerate(entries.items):
            if not isinstance(entry, Mapping):
                continue
            params = mapping_at(entry, "litellm_params")
            name = string_at(entry, "model_name")
            deployment = Deployment(
                index, entry, name, string_at(params, "model"), params, mapping_at(entry, "model_info")
            )
            data.deployments.append(deployment)
            if name is not None:
                self.add_to_group(deployment, name, config, data)

    @staticmethod
    def add_to_group(deployment: Deployment, name: Scalar, config: Config, data: LiteLLMData) -> None:
        """A model_name is a route; a wildcard one (`openai/*`) serves names, and its models are only models."""
        group = str(name.value)
        model = _model_ref(deployment, group)
        if "*" in group:
            data.wildcards.append(group)
            if model is not None:
                config.other_models.append(model)
            return
        route = config.routes.get(group)
        if route is None:
            route = config.routes[group] = Route(group, name, deployment.node)
        if model is None:
            return
        if route.model is None:
            route.model = model
        else:
            route.extra_models.append(model)

    def lower_providers(self, root: Mapping, config: Config, data: LiteLLMData) -> None:
        """A provider counts as configured when some deployment gives it credentials, or none are needed."""
        environment = mapping_at(root, "environment_variables")
        endpoints: dict[str, list[Scalar | None]] = {}
        for deployment in data.deployments:
            name = _provider_of_deployment(deployment)
            custom = string_at(deployment.params, "custom_llm_provider")
            if custom is not None:
                self.note_provider(str(custom.value), custom, deployment, config, environment, "custom_llm_provider")
            elif deployment.model is not None and name in LITELLM_PROVIDERS:
                self.note_provider(name, deployment.model, deployment, config, environment, "model")
            else:
                continue
            endpoints.setdefault(str(name), []).append(string_at(deployment.params, "api_base"))
        for name, urls in endpoints.items():
            # The table has one endpoint per provider: set it where every deployment of the provider names the same URL.
            first = urls[0]
            if first is not None and not str(first.value).startswith(ENV_PREFIX):
                if all(url is not None and url.value == first.value for url in urls):
                    config.providers[name].base_url = first

    @staticmethod
    def note_provider(
        name: str, node: Scalar, deployment: Deployment, config: Config, environment: Mapping | None, key: str
    ) -> None:
        params = deployment.params
        configured = (
            any(params is not None and credential in params for credential in CREDENTIAL_PARAMS)
            or name in LOCAL_PROVIDERS
            or (environment is not None and env_var_for(name) in environment)
            # An OpenAI-compatible server of your own usually needs no key; Azure always does.
            or (name not in ("azure", "azure_ai") and string_at(params, "api_base") is not None)
        )
        known = config.providers.get(name)
        if known is None:
            # Unknown model prefixes are RC202's through the model; only `custom_llm_provider` values arrive unknown.
            known = config.providers[name] = Provider(
                name, node, f"{deployment.path}.litellm_params.{key}", configured=configured
            )
        elif configured:
            known.configured = True
        known.scopes.append(f"{deployment.path}.litellm_params.")

    # Names: aliases, fallbacks, and the other places that name a model group.

    def lower_aliases(self, aliases: Mapping | None, config: Config, data: LiteLLMData) -> None:
        if aliases is None:
            return
        names = set(config.routes) | {pair.name for pair in aliases}
        for pair in aliases:
            path = key_path("router_settings.model_group_alias", pair.name)
            target = pair.value if isinstance(pair.value, Scalar) else string_at(pair.value, "model")
            if isinstance(pair.value, Mapping):
                path += ".model"
            if not isinstance(pair.key, Scalar) or target is None or not isinstance(target.value, str):
                continue
            reference = Reference(target, RefKind.ALIAS_TARGET, path, pair.name)
            if target.value in names or not (data.has_includes or self.served_elsewhere(target.value, data)):
                config.aliases[pair.name] = Alias(pair.name, pair.key, reference)
            elif "/" in target.value and not data.has_includes:
                # Served by a wildcard group such as `openai/*`: the alias names a model.
                config.aliases[pair.name] = Alias(pair.name, pair.key, ModelRef(target, path, pair.name))
            # Otherwise a group routec cannot see (an included file, a wildcard) serves the target.

    @staticmethod
    def effective_settings(
        router: Mapping | None, module: Mapping | None, data: LiteLLMData
    ) -> dict[str, tuple[str, Node]]:
        """Each shared setting as LiteLLM uses it: router_settings' when set, else litellm_settings'."""
        chosen: dict[str, tuple[str, Node]] = {}
        for name in SHARED_SETTINGS:
            mine = router.pair(name) if router is not None else None
            theirs = module.pair(name) if module is not None else None
            if mine is not None and _is_set(mine.value):
                chosen[name] = ("router_settings", mine.value)
                if theirs is not None and isinstance(theirs.key, Scalar) and isinstance(mine.key, Scalar):
                    reason = f"`router_settings.{name}` takes precedence"
                    data.shadowed.append(Shadowed(theirs.key, f"litellm_settings.{name}", mine.key, reason))
            elif theirs is not None:
                chosen[name] = ("litellm_settings", theirs.value)
        _, limit = chosen.get("max_fallbacks", ("", None))
        if isinstance(limit, Scalar) and isinstance(limit.value, int) and not isinstance(limit.value, bool):
            data.max_fallbacks, data.max_fallbacks_node = limit.value, limit
        return chosen

    def lower_fallbacks(self, settings: dict[str, tuple[str, Node]], config: Config, data: LiteLLMData) -> None:
        for name in FALLBACK_SETTINGS:
            section, node = settings.get(name, ("", None))
            if isinstance(node, Sequence):
                self.lower_fallback_list(f"{section}.{name}", node, config, data)
        section, node = settings.get("default_fallbacks", ("", None))
        for index, item in enumerate(node.items if isinstance(node, Sequence) else []):
            target = _target_name(item)
            if target is not None:
                self.refer(target, RefKind.OTHER_ROUTE, f"{section}.default_fallbacks[{index}]", None, config, data)

    def lower_fallback_list(self, setting: str, items: Sequence, config: Config, data: LiteLLMData) -> None:
        first_entries: dict[str, FallbackEntry] = {}
        for index, item in enumerate(items.items):
            entry = _fallback_entry(setting, index, item)
            if entry is None:
                continue
            group = str(entry.key.value)
            earlier = first_entries.get(group)
            if earlier is not None:
                reason = f"LiteLLM uses only the first entry for '{group}', `{earlier.path}`"
                data.shadowed.append(Shadowed(entry.key, entry.path, earlier.key, reason))
            else:
                first_entries[group] = entry
            self.lower_fallback_entry(entry, earlier is None, config, data)

    def lower_fallback_entry(self, entry: FallbackEntry, first: bool, config: Config, data: LiteLLMData) -> None:
        group = str(entry.key.value)
        path = key_path(entry.path, group)
        generic = group == "*"
        if not generic:
            self.refer(entry.key, RefKind.OTHER_ROUTE, entry.path, None, config, data)
        # Only a group's own first `fallbacks` entry is its failover chain; the rest are checked as names.
        route = config.routes.get(group) if first and entry.setting.endswith(".fallbacks") else None
        for position, target in enumerate(entry.targets):
            target_path = f"{path}[{position}]"
            if route is None:
                kind = RefKind.OTHER_ROUTE if generic else RefKind.FALLBACK
                self.refer(target, kind, target_path, None if generic else group, config, data)
            elif config.defines(str(target.value)) or not (
                data.has_includes or self.served_elsewhere(str(target.value), data)
            ):  # a group of this file is that group, even where a wildcard (`openai/*`) would match its name too
                route.fallbacks.append(Reference(target, RefKind.FALLBACK, target_path, group))

    def lower_other_names(self, root: Mapping, router: Mapping | None, config: Config, data: LiteLLMData) -> None:
        completion = string_at(mapping_at(root, "general_settings"), "completion_model")
        if completion is not None:
            self.refer(completion, RefKind.OTHER_ROUTE, "general_settings.completion_model", None, config, data)
        groups = list_at(router, "routing_groups")
        for index, group in enumerate(groups.items if groups is not None else []):
            models = list_at(group, "models")
            for position, model in enumerate(models.items if models is not None else []):
                if isinstance(model, Scalar) and isinstance(model.value, str):
                    path = f"router_settings.routing_groups[{index}].models[{position}]"
                    self.refer(model, RefKind.OTHER_ROUTE, path, None, config, data)

    def refer(
        self, name: Scalar, kind: RefKind, path: str, owner: str | None, config: Config, data: LiteLLMData
    ) -> None:
        """Record a name that must be a model_name or alias, unless something routec cannot see serves it."""
        if data.has_includes or self.served_elsewhere(str(name.value), data):
            return
        config.other_references.append(Reference(name, kind, path, owner))

    @staticmethod
    def served_elsewhere(name: str, data: LiteLLMData) -> bool:
        """Whether a wildcard model_name serves ``name`` (`openai/*` serves `openai/gpt-4o` and `gpt-4o`)."""
        for pattern in data.wildcards:
            if fnmatchcase(name, pattern):
                return True
            provider = provider_of(pattern)
            if provider is not None and fnmatchcase(f"{provider}/{name}", pattern):
                return True
        return False

    # Shape problems the schema language cannot say.

    @staticmethod
    def check_fallback_entries(root: Mapping, config: Config) -> None:
        """A fallbacks entry has exactly one key: LiteLLM refuses others, or reads only the first key."""
        for section in ("router_settings", "litellm_settings"):
            for name in FALLBACK_SETTINGS:
                items = list_at(mapping_at(root, section), name)
                for index, item in enumerate(items.items if items is not None else []):
                    if isinstance(item, Mapping) and len(list(item)) != 1:
                        config.findings.append(_one_key_finding(section, name, index, item))

    @staticmethod
    def find_master_key_slips(root: Mapping, config: Config, data: LiteLLMData) -> None:
        """Keys meant as general_settings.master_key that LiteLLM never reads (RC601 reports them)."""
        general = mapping_at(root, "general_settings")
        environment = mapping_at(root, "environment_variables")
        if (general is not None and MASTER_KEY in general) or (
            environment is not None and MASTER_KEY_ENV in environment
        ):
            return
        for pair in general or []:
            if isinstance(pair.key, Scalar) and pair.name not in GENERAL_FIELDS and _looks_like_master_key(pair.name):
                data.master_key_slips.append((pair.key, "general_settings"))
        # A top-level `master_key` is an error already (RC003, with where it belongs); sections are checked here.
        for pair in root:
            if pair.name == "general_settings":
                continue
            if isinstance(pair.value, Mapping) and pair.name != "environment_variables":
                inner = pair.value.pair(MASTER_KEY)
                if inner is not None and isinstance(inner.key, Scalar):
                    data.master_key_slips.append((inner.key, pair.name))
        # RC601 says more than RC003 about these keys: report each once.
        slips = {id(key) for key, _ in data.master_key_slips}
        config.findings[:] = [
            finding
            for finding in config.findings
            if not (isinstance(finding, UnknownKey) and id(finding.node) in slips)
        ]

    @staticmethod
    def report_model_info_slips(data: LiteLLMData, config: Config) -> None:
        """model_info keeps any key as metadata; a near miss of a key LiteLLM reads is still worth a warning."""
        suggester: Suggester | None = None
        for deployment in data.deployments:
            for pair in deployment.info or []:
                if not isinstance(pair.key, Scalar) or pair.name in MODEL_INFO_FIELDS:
                    continue
                suggester = suggester or Suggester(MODEL_INFO_FIELDS)
                if suggester.suggest(pair.name):
                    path = f"{deployment.path}.model_info"
                    config.findings.append(
                        UnknownKey(pair.key, path, pair.name, tuple(MODEL_INFO_FIELDS), lenient=True)
                    )

    @staticmethod
    def add_credentials(root: Mapping, config: Config, data: LiteLLMData) -> None:
        """Secrets in environment_variables, and the variable each deployment's key should come from (RC301's fix)."""
        environment = mapping_at(root, "environment_variables")
        for pair in environment or []:
            value = pair.value
            if isinstance(value, Scalar) and isinstance(value.value, str) and _secret_name(pair.name):
                config.credentials.append(Credential(value, key_path("environment_variables", pair.name)))
        variables = list(config.conventions.secret_variables)
        for deployment in data.deployments:
            provider = _provider_of_deployment(deployment)
            params = f"{deployment.path}.litellm_params"
            if provider is not None:
                variables.append((f"{params}.api_key", env_var_for(provider)))
            variables += [(f"{params}.{key}", key.upper()) for key in ("aws_secret_access_key", "aws_session_token")]
        config.conventions = config.conventions._replace(secret_variables=tuple(variables))


def _model_ref(deployment: Deployment, group: str) -> ModelRef | None:
    """The deployment's model as the IR sees it: `provider/model`, with `custom_llm_provider` as the prefix."""
    model = deployment.model
    if model is None:
        return None
    text = str(model.value)
    if text.startswith(ENV_PREFIX):
        return None  # named by the environment: nothing to check here
    path = f"{deployment.path}.litellm_params.model"
    custom = string_at(deployment.params, "custom_llm_provider")
    if custom is None:
        return ModelRef(model, path, group)
    provider = str(custom.value)
    if provider not in LITELLM_PROVIDERS:
        return None  # RC202 reports the provider itself
    if not text.startswith(f"{provider}/"):
        model = Scalar(f"{provider}/{text}", model.start, model.end, model.style)
    return ModelRef(model, path, group)


def _provider_of_deployment(deployment: Deployment) -> str | None:
    custom = string_at(deployment.params, "custom_llm_provider")
    if custom is not None:
        return str(custom.value)
    return provider_of(str(deployment.model.value)) if deployment.model is not None else None


def _is_set(node: Node) -> bool:
    """LiteLLM takes router_settings' value with `or`: an empty list or null falls through to litellm_settings."""
    if isinstance(node, Scalar):
        return node.value is not None
    if isinstance(node, Sequence):
        return bool(node.items)
    return True


def _target_name(item: Node) -> Scalar | None:
    if isinstance(item, Mapping):
        item = item.get("model")  # type: ignore[assignment]
    if isinstance(item, Scalar) and isinstance(item.value, str):
        return item
    return None


def _fallback_entry(setting: str, index: int, item: Node) -> FallbackEntry | None:
    if not isinstance(item, Mapping) or not item.pairs:
        return None
    first = item.pairs[0]
    if not isinstance(first.key, Scalar) or not isinstance(first.key.value, str):
        return None
    targets = list_at(item, first.name)
    names = [name for name in map(_target_name, targets.items if targets is not None else []) if name is not None]
    return FallbackEntry(setting, index, first.key, names)


def _one_key_finding(section: str, name: str, index: int, item: Mapping) -> InvalidValue:
    keys = len(list(item))
    if name == "context_window_fallbacks":
        problem = f"an entry with {keys} keys: LiteLLM reads only the first one"
    else:
        problem = f"an entry with {keys} keys: LiteLLM refuses to start"
    hint = "write one `{model_name: [fallbacks]}` mapping per group, each as its own list item"
    return InvalidValue(item, f"{section}.{name}[{index}]", problem, hint)


def _looks_like_master_key(key: str) -> bool:
    folded = re.sub(r"[^a-z]", "", key.lower())
    return folded in ("masterkey", "masterkeys", "litellmmasterkey") or bool(Suggester([MASTER_KEY]).suggest(key))


def _secret_name(name: str) -> bool:
    return bool(re.search(r"(?:^|_)(?:API_?KEY|KEY|TOKEN|SECRET|PASSWORD)$", name.upper()))


__all__ = ["Deployment", "FallbackEntry", "LiteLLM", "LiteLLMData", "Shadowed", "litellm_data", "provider_of"]
