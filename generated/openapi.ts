/**
 * GENERATED FILE: do not edit by hand.
 * Source: openapi/images.yaml. Regenerate with `npm run generate`;
 * `npm run check:generated` (run in CI) fails when this file drifts from the spec.
 */
/** The OpenAPI document `openapi/images.yaml`, as data. */
export const openapiDocument: Record<string, unknown> = {
  "openapi": "3.1.0",
  "info": {
    "title": "OpenAI Images API (trimmed)",
    "version": "2.3.0",
    "summary": "The /images/* subset of the OpenAI API, written from the API reference.",
    "description": "Source of truth for openai-images. Written by hand from the API reference\n(generations, edits, variations and their stream events). Regenerate the\nTypeScript types with `npm run generate` after any change here.\n\nSources: the API reference as of mid-2026 (the project's seed documents,\nmatching the official `openai` SDK 6.49), then the official SDK's\n`resources/images.d.ts`, which is generated from OpenAI's spec, for every\nlater change. Each later change names the SDK version that first has it:\nopenai@7.6.0 (transparent backgrounds in preview on gpt-image-2),\nopenai@7.12.1 (gpt-image-2.5 models, quality xhigh and max, their\narbitrary sizes), openai@7.28.0 (dall-e-2 and dall-e-3 retired, variations\nretired, no default model), openai@7.30.0 (input_fidelity per model),\nopenai@7.36.0 (safety_identifier), openai@7.45.1 (gpt-image-1 shut down),\nopenai@7.47.0 (markup), openai@7.51.0 (gpt-image-2.6 models, complexity,\nGIF output), openai@7.57.0 (SVG output on edits), openai@7.59.0 (the\nnewest, 2026-11-17).\n\n`null` is accepted wherever openai@7.59.0 types a request field as\n`| null` (and the upstream OpenAPI document 2.3.0 marks it nullable): it\nmeans the field was not given. `prompt`, `image`, `mask`, `markup` and\n`user` are never null.\n",
    "license": {
      "name": "MIT",
      "identifier": "MIT"
    }
  },
  "servers": [
    {
      "url": "https://api.openai.com/v1"
    }
  ],
  "security": [
    {
      "ApiKeyAuth": []
    }
  ],
  "tags": [
    {
      "name": "Images",
      "description": "Given a prompt and/or an input image, the model will generate a new image."
    }
  ],
  "paths": {
    "/images/generations": {
      "post": {
        "operationId": "createImage",
        "tags": [
          "Images"
        ],
        "summary": "Create image",
        "description": "Creates an image given a prompt using a GPT image model. Name the model: since openai@7.28.0 the API documents no default.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateImageRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The generated images, or a stream of partial images when `stream` is true.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ImagesResponse"
                }
              },
              "text/event-stream": {
                "schema": {
                  "$ref": "#/components/schemas/ImageGenStreamEvent"
                }
              }
            }
          },
          "4XX": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "5XX": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/images/edits": {
      "post": {
        "operationId": "createImageEdit",
        "tags": [
          "Images"
        ],
        "summary": "Create image edit",
        "description": "Creates an edited or extended image given one or more source images and a prompt, with a GPT image model (`dall-e-2` until its retirement). Images are sent as multipart uploads, or as JSON references (`image_url` or `file_id`).",
        "requestBody": {
          "required": true,
          "content": {
            "multipart/form-data": {
              "schema": {
                "$ref": "#/components/schemas/CreateImageEditRequest"
              },
              "encoding": {
                "image": {
                  "contentType": "image/png, image/jpeg, image/webp"
                },
                "mask": {
                  "contentType": "image/png"
                },
                "markup": {
                  "contentType": "image/png"
                },
                "svg": {
                  "style": "deepObject",
                  "explode": true
                }
              }
            },
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateImageEditJsonRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The edited images, or a stream of partial images when `stream` is true.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ImagesResponse"
                }
              },
              "text/event-stream": {
                "schema": {
                  "$ref": "#/components/schemas/ImageEditStreamEvent"
                }
              }
            }
          },
          "4XX": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "5XX": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/images/variations": {
      "post": {
        "operationId": "createImageVariation",
        "tags": [
          "Images"
        ],
        "summary": "Create image variation",
        "deprecated": true,
        "description": "Retired (openai@7.28.0): OpenAI's API no longer accepts requests here; use an edit with a GPT image model and a prompt instead. The legacy contract (`dall-e-2` only) is kept for servers that still serve it.",
        "requestBody": {
          "required": true,
          "content": {
            "multipart/form-data": {
              "schema": {
                "$ref": "#/components/schemas/CreateImageVariationRequest"
              },
              "encoding": {
                "image": {
                  "contentType": "image/png"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The image variations.",
            "headers": {
              "x-request-id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ImagesResponse"
                }
              }
            }
          },
          "4XX": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "5XX": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "ApiKeyAuth": {
        "type": "http",
        "scheme": "bearer"
      }
    },
    "headers": {
      "RequestId": {
        "description": "The id of this request, for support and logs.",
        "schema": {
          "type": "string"
        }
      }
    },
    "responses": {
      "ErrorResponse": {
        "description": "The API refused the request or failed to serve it.",
        "headers": {
          "x-request-id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            }
          }
        }
      }
    },
    "schemas": {
      "ImageModel": {
        "type": "string",
        "description": "The image models the API documents, retired ones included: `gpt-image-1` was shut down on 2026-10-23 (openai@7.45.1), `dall-e-2` and `dall-e-3` were retired on 2026-05-12 (openai@7.28.0). The gpt-image-2.5 models and snapshots arrived in openai@7.12.1, the gpt-image-2.6 models in openai@7.51.0.",
        "enum": [
          "gpt-image-1.5",
          "gpt-image-2",
          "gpt-image-2-2026-04-21",
          "gpt-image-2.5-sunburst",
          "gpt-image-2.5-sunburst-2026-09-08",
          "gpt-image-2.5-flare",
          "gpt-image-2.5-flare-2026-09-08",
          "gpt-image-2.6-sunburst",
          "gpt-image-2.6-flare",
          "gpt-image-1",
          "gpt-image-1-mini",
          "chatgpt-image-latest",
          "dall-e-2",
          "dall-e-3"
        ]
      },
      "ModelName": {
        "description": "A documented image model, or any other model name (OpenAI-compatible servers).",
        "anyOf": [
          {
            "$ref": "#/components/schemas/ImageModel"
          },
          {
            "type": "string"
          }
        ]
      },
      "StandardImageSize": {
        "type": "string",
        "enum": [
          "auto",
          "1024x1024",
          "1536x1024",
          "1024x1536",
          "256x256",
          "512x512",
          "1792x1024",
          "1024x1792"
        ]
      },
      "CustomImageSize": {
        "type": "string",
        "description": "`WIDTHxHEIGHT` in pixels (gpt-image-2, its snapshot and, since openai@7.12.1, the gpt-image-2.5 models and snapshots): both sides divisible by 16, aspect ratio between 1:3 and 3:1, at most 3840x2160; above 2560x1440 is experimental.",
        "pattern": "^[1-9][0-9]{0,4}x[1-9][0-9]{0,4}$",
        "examples": [
          "1536x864"
        ]
      },
      "ImageSize": {
        "description": "A standard size, `auto`, or `WIDTHxHEIGHT` (models with arbitrary sizes).",
        "anyOf": [
          {
            "$ref": "#/components/schemas/StandardImageSize"
          },
          {
            "$ref": "#/components/schemas/CustomImageSize"
          }
        ]
      },
      "EditImageSize": {
        "description": "A standard edit size, `auto`, or `WIDTHxHEIGHT` (models with arbitrary sizes).",
        "anyOf": [
          {
            "type": "string",
            "enum": [
              "256x256",
              "512x512",
              "1024x1024",
              "1536x1024",
              "1024x1536",
              "auto"
            ]
          },
          {
            "$ref": "#/components/schemas/CustomImageSize"
          }
        ]
      },
      "Background": {
        "type": "string",
        "enum": [
          "transparent",
          "opaque",
          "auto"
        ],
        "default": "auto",
        "description": "Background transparency (GPT image models that support it; in preview on gpt-image-2 and its snapshot since openai@7.6.0). `transparent` needs `output_format` png or webp."
      },
      "OutputFormat": {
        "type": "string",
        "enum": [
          "png",
          "jpeg",
          "webp",
          "gif",
          "svg"
        ],
        "default": "png",
        "description": "Output format (GPT image models only). `gif` (openai@7.51.0): an animated GIF, with `frame_count` and `frame_duration_ms`; no streaming, partial images, mask or output compression. `svg` (openai@7.51.0, edits since openai@7.57.0): `n` must be 1; no streaming, partial images or output compression."
      },
      "OutputCompression": {
        "type": "integer",
        "minimum": 0,
        "maximum": 100,
        "default": 100,
        "description": "Compression level in percent (GPT image models, jpeg or webp only)."
      },
      "PartialImages": {
        "type": "integer",
        "minimum": 0,
        "maximum": 3,
        "description": "Partial images to stream (0 sends the final image in one event). The final image may arrive before all partials."
      },
      "ResponseFormat": {
        "type": "string",
        "enum": [
          "url",
          "b64_json"
        ],
        "default": "url",
        "description": "How DALL·E images are returned. URLs are valid for 60 minutes. GPT image models always return base64 and do not accept this parameter. Deprecated on generations and edits with the DALL·E models (openai@7.28.0); the retired variations endpoint, deprecated as a whole, still documents it plainly."
      },
      "ImageCount": {
        "type": "integer",
        "minimum": 1,
        "maximum": 10,
        "default": 1,
        "description": "Number of images, 1 to 10 (`dall-e-3` only 1)."
      },
      "User": {
        "type": "string",
        "description": "An identifier for your end user, to help OpenAI monitor and detect abuse. Deprecated on generations and edits since openai@7.36.0: use `safety_identifier` there (`user` is still accepted, and used when `safety_identifier` is omitted, null or empty). The variations endpoint has no `safety_identifier` and documents `user` plainly."
      },
      "SafetyIdentifier": {
        "type": [
          "string",
          "null"
        ],
        "description": "A stable identifier for an end user (a hash of a username or email), for safety monitoring and abuse detection (openai@7.36.0). A non-empty value takes precedence over the deprecated `user`."
      },
      "Complexity": {
        "type": "string",
        "enum": [
          "low",
          "medium",
          "high"
        ],
        "description": "Computation spent planning the image, independently of rendering quality; the model's default when omitted (openai@7.51.0)."
      },
      "FrameCount": {
        "type": "integer",
        "minimum": 2,
        "maximum": 16,
        "default": 9,
        "description": "GIF frames, 2 to 16 (output_format gif only; openai@7.51.0)."
      },
      "FrameDurationMs": {
        "type": "number",
        "default": 200,
        "description": "Delay per GIF frame in milliseconds, rounded to the nearest 10 ms and capped at 655350 ms when encoded (output_format gif only; openai@7.51.0)."
      },
      "SvgReasoningEffort": {
        "type": "string",
        "enum": [
          "none",
          "minimal",
          "low",
          "medium",
          "high",
          "xhigh",
          "max"
        ],
        "description": "Reasoning effort of the SVG author; its default when omitted."
      },
      "GenerateSvgOptions": {
        "type": "object",
        "description": "The model (and reasoning effort) that authors SVG output; only with `output_format` svg (openai@7.51.0). `model` is required: without SVG model selection, leave `svg` out.",
        "required": [
          "model"
        ],
        "properties": {
          "model": {
            "type": "string"
          },
          "reasoning": {
            "type": [
              "object",
              "null"
            ],
            "properties": {
              "effort": {
                "anyOf": [
                  {
                    "$ref": "#/components/schemas/SvgReasoningEffort"
                  },
                  {
                    "type": "null"
                  }
                ]
              }
            }
          }
        }
      },
      "EditSvgOptions": {
        "type": "object",
        "description": "The model (and reasoning effort) that authors SVG output of an edit; only with `output_format` svg (openai@7.57.0). Unlike a generation's, `model` is optional and `effort` is never null (openai@7.59.0). Multipart bodies send it as `svg[model]` and `svg[reasoning][effort]`.",
        "properties": {
          "model": {
            "type": "string"
          },
          "reasoning": {
            "type": [
              "object",
              "null"
            ],
            "properties": {
              "effort": {
                "$ref": "#/components/schemas/SvgReasoningEffort"
              }
            }
          }
        }
      },
      "CreateImageRequest": {
        "type": "object",
        "required": [
          "prompt"
        ],
        "properties": {
          "prompt": {
            "type": "string",
            "description": "What to draw. At most 32000 characters for the GPT image models, 1000 for dall-e-2 and 4000 for dall-e-3.",
            "examples": [
              "A cute baby sea otter"
            ]
          },
          "background": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/Background"
              },
              {
                "type": "null"
              }
            ]
          },
          "complexity": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/Complexity"
              },
              {
                "type": "null"
              }
            ]
          },
          "frame_count": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/FrameCount"
              },
              {
                "type": "null"
              }
            ]
          },
          "frame_duration_ms": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/FrameDurationMs"
              },
              {
                "type": "null"
              }
            ]
          },
          "model": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/ModelName"
              },
              {
                "type": "null"
              }
            ],
            "description": "The image model. Name it: since openai@7.28.0 the API documents no default (it was dall-e-2 unless a GPT-only parameter was used)."
          },
          "moderation": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "low",
              "auto",
              null
            ],
            "default": "auto",
            "description": "Content-moderation level (GPT image models only)."
          },
          "n": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/ImageCount"
              },
              {
                "type": "null"
              }
            ]
          },
          "output_compression": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/OutputCompression"
              },
              {
                "type": "null"
              }
            ]
          },
          "output_format": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/OutputFormat"
              },
              {
                "type": "null"
              }
            ]
          },
          "partial_images": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/PartialImages"
              },
              {
                "type": "null"
              }
            ]
          },
          "quality": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "standard",
              "hd",
              "low",
              "medium",
              "high",
              "xhigh",
              "max",
              "auto",
              null
            ],
            "default": "auto",
            "description": "auto for all models; high, medium, low for the GPT image models, plus xhigh and max for the gpt-image-2.5 models and snapshots (openai@7.12.1); hd and standard for dall-e-3; only standard for dall-e-2."
          },
          "response_format": {
            "deprecated": true,
            "anyOf": [
              {
                "$ref": "#/components/schemas/ResponseFormat"
              },
              {
                "type": "null"
              }
            ]
          },
          "safety_identifier": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/SafetyIdentifier"
              },
              {
                "type": "null"
              }
            ]
          },
          "size": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/ImageSize"
              },
              {
                "type": "null"
              }
            ],
            "default": "auto"
          },
          "stream": {
            "type": [
              "boolean",
              "null"
            ],
            "default": false,
            "description": "Stream partial images as server-sent events (GPT image models only)."
          },
          "style": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "vivid",
              "natural",
              null
            ],
            "deprecated": true,
            "description": "dall-e-3 only; deprecated with it (openai@7.28.0)."
          },
          "svg": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/GenerateSvgOptions"
              },
              {
                "type": "null"
              }
            ]
          },
          "user": {
            "$ref": "#/components/schemas/User",
            "deprecated": true
          }
        }
      },
      "EditBaseFields": {
        "type": "object",
        "properties": {
          "prompt": {
            "type": "string",
            "description": "At most 1000 characters for dall-e-2, 32000 for the GPT image models."
          },
          "background": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/Background"
              },
              {
                "type": "null"
              }
            ]
          },
          "complexity": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/Complexity"
              },
              {
                "type": "null"
              }
            ]
          },
          "frame_count": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/FrameCount"
              },
              {
                "type": "null"
              }
            ]
          },
          "frame_duration_ms": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/FrameDurationMs"
              },
              {
                "type": "null"
              }
            ]
          },
          "input_fidelity": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "high",
              "low",
              null
            ],
            "default": "low",
            "description": "How closely to match the input images' style and features: high or low on gpt-image-1.5; only low on gpt-image-1-mini; omitted for gpt-image-2 (openai@7.30.0)."
          },
          "model": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/ModelName"
              },
              {
                "type": "null"
              }
            ],
            "description": "A GPT image model. Name it: since openai@7.28.0 the API documents no default (it was gpt-image-1.5)."
          },
          "n": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/ImageCount"
              },
              {
                "type": "null"
              }
            ]
          },
          "output_compression": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/OutputCompression"
              },
              {
                "type": "null"
              }
            ]
          },
          "output_format": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/OutputFormat"
              },
              {
                "type": "null"
              }
            ]
          },
          "partial_images": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/PartialImages"
              },
              {
                "type": "null"
              }
            ]
          },
          "quality": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "standard",
              "low",
              "medium",
              "high",
              "xhigh",
              "max",
              "auto",
              null
            ],
            "default": "auto",
            "description": "Quality of the edited image; xhigh and max for the gpt-image-2.5 models and snapshots (openai@7.12.1)."
          },
          "response_format": {
            "deprecated": true,
            "anyOf": [
              {
                "$ref": "#/components/schemas/ResponseFormat"
              },
              {
                "type": "null"
              }
            ]
          },
          "safety_identifier": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/SafetyIdentifier"
              },
              {
                "type": "null"
              }
            ]
          },
          "size": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/EditImageSize"
              },
              {
                "type": "null"
              }
            ],
            "default": "auto"
          },
          "stream": {
            "type": [
              "boolean",
              "null"
            ],
            "default": false,
            "description": "Stream partial images as server-sent events."
          },
          "svg": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/EditSvgOptions"
              },
              {
                "type": "null"
              }
            ]
          },
          "user": {
            "$ref": "#/components/schemas/User",
            "deprecated": true
          }
        }
      },
      "CreateImageEditRequest": {
        "description": "A multipart edit. `image` is one file or up to 16 files (GPT image models: png, webp or jpg under 50MB each; dall-e-2: one square png under 4MB). `mask` is a png under 4MB with the first image's dimensions whose fully transparent pixels mark where to edit. `markup` (openai@7.47.0) is a png with transparent pixels and the first image's dimensions, overlaid on it to guide the edit; never together with `mask`.",
        "allOf": [
          {
            "$ref": "#/components/schemas/EditBaseFields"
          },
          {
            "type": "object",
            "required": [
              "image",
              "prompt"
            ],
            "properties": {
              "image": {
                "oneOf": [
                  {
                    "type": "string",
                    "format": "binary"
                  },
                  {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": 16,
                    "items": {
                      "type": "string",
                      "format": "binary"
                    }
                  }
                ]
              },
              "mask": {
                "type": "string",
                "format": "binary"
              },
              "markup": {
                "type": "string",
                "format": "binary"
              }
            }
          }
        ]
      },
      "ImageRefParam": {
        "description": "An image given by URL (including `data:` URLs) or by uploaded file id.",
        "oneOf": [
          {
            "type": "object",
            "required": [
              "image_url"
            ],
            "properties": {
              "image_url": {
                "type": "string"
              }
            },
            "additionalProperties": false
          },
          {
            "type": "object",
            "required": [
              "file_id"
            ],
            "properties": {
              "file_id": {
                "type": "string"
              }
            },
            "additionalProperties": false
          }
        ]
      },
      "CreateImageEditJsonRequest": {
        "description": "An edit whose images are references instead of uploads.",
        "allOf": [
          {
            "$ref": "#/components/schemas/EditBaseFields"
          },
          {
            "type": "object",
            "required": [
              "images",
              "prompt"
            ],
            "properties": {
              "images": {
                "type": "array",
                "minItems": 1,
                "maxItems": 16,
                "items": {
                  "$ref": "#/components/schemas/ImageRefParam"
                }
              },
              "mask": {
                "$ref": "#/components/schemas/ImageRefParam"
              },
              "markup": {
                "$ref": "#/components/schemas/ImageRefParam"
              }
            }
          }
        ]
      },
      "CreateImageVariationRequest": {
        "type": "object",
        "required": [
          "image"
        ],
        "properties": {
          "image": {
            "type": "string",
            "format": "binary",
            "description": "A square png under 4MB."
          },
          "model": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/ModelName"
              },
              {
                "type": "null"
              }
            ],
            "default": "dall-e-2",
            "description": "Only dall-e-2 was supported (retired 2026-05-12)."
          },
          "n": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/ImageCount"
              },
              {
                "type": "null"
              }
            ]
          },
          "response_format": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/ResponseFormat"
              },
              {
                "type": "null"
              }
            ]
          },
          "size": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "256x256",
              "512x512",
              "1024x1024",
              null
            ],
            "default": "1024x1024"
          },
          "user": {
            "$ref": "#/components/schemas/User"
          }
        }
      },
      "Image": {
        "type": "object",
        "description": "The content or the URL of a generated image.",
        "properties": {
          "b64_json": {
            "type": "string",
            "description": "Base64 image. Default for the GPT image models; for DALL·E only with response_format b64_json."
          },
          "revised_prompt": {
            "type": "string",
            "description": "dall-e-3 only, the prompt actually used."
          },
          "url": {
            "type": "string",
            "description": "DALL·E with response_format url (the default); valid for 60 minutes."
          }
        }
      },
      "ImageTokenDetails": {
        "type": "object",
        "required": [
          "image_tokens",
          "text_tokens"
        ],
        "properties": {
          "image_tokens": {
            "type": "integer"
          },
          "text_tokens": {
            "type": "integer"
          }
        }
      },
      "ImageStreamUsage": {
        "type": "object",
        "description": "Token usage in a completed stream event (GPT image models only): the response's usage without output token details, which openai@7.59.0 does not type on stream events.",
        "required": [
          "input_tokens",
          "input_tokens_details",
          "output_tokens",
          "total_tokens"
        ],
        "properties": {
          "input_tokens": {
            "type": "integer",
            "description": "Tokens (images and text) in the input."
          },
          "input_tokens_details": {
            "$ref": "#/components/schemas/ImageTokenDetails"
          },
          "output_tokens": {
            "type": "integer",
            "description": "Output tokens generated by the model."
          },
          "total_tokens": {
            "type": "integer"
          }
        }
      },
      "ImageGenUsage": {
        "description": "Token usage (GPT image models only).",
        "allOf": [
          {
            "$ref": "#/components/schemas/ImageStreamUsage"
          },
          {
            "type": "object",
            "properties": {
              "output_tokens_details": {
                "$ref": "#/components/schemas/ImageTokenDetails"
              }
            }
          }
        ]
      },
      "ResponseImageSize": {
        "description": "The size of the image generated.",
        "anyOf": [
          {
            "type": "string",
            "enum": [
              "1024x1024",
              "1024x1536",
              "1536x1024"
            ]
          },
          {
            "$ref": "#/components/schemas/CustomImageSize"
          }
        ]
      },
      "ImagesResponse": {
        "type": "object",
        "required": [
          "created"
        ],
        "properties": {
          "created": {
            "type": "integer",
            "description": "Unix timestamp (seconds) of creation."
          },
          "background": {
            "type": "string",
            "enum": [
              "transparent",
              "opaque"
            ]
          },
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Image"
            }
          },
          "output_format": {
            "type": "string",
            "enum": [
              "png",
              "webp",
              "jpeg",
              "gif",
              "svg"
            ]
          },
          "quality": {
            "type": "string",
            "enum": [
              "low",
              "medium",
              "high",
              "xhigh",
              "max"
            ]
          },
          "safety_identifier": {
            "$ref": "#/components/schemas/EffectiveSafetyIdentifier"
          },
          "size": {
            "$ref": "#/components/schemas/ResponseImageSize"
          },
          "svg_usage": {
            "$ref": "#/components/schemas/SvgUsage"
          },
          "usage": {
            "$ref": "#/components/schemas/ImageGenUsage"
          }
        }
      },
      "EffectiveSafetyIdentifier": {
        "type": [
          "string",
          "null"
        ],
        "description": "The safety identifier in effect: the request's non-empty `safety_identifier`, else the deprecated `user` (openai@7.36.0)."
      },
      "SvgUsage": {
        "type": "object",
        "description": "Tokens spent authoring SVG output, apart from rendering (openai@7.51.0).",
        "required": [
          "input_tokens",
          "model",
          "output_tokens",
          "reasoning_tokens",
          "total_tokens"
        ],
        "properties": {
          "input_tokens": {
            "type": "integer"
          },
          "model": {
            "type": "string",
            "description": "The model that authored the SVG."
          },
          "output_tokens": {
            "type": "integer"
          },
          "reasoning_tokens": {
            "type": "integer"
          },
          "total_tokens": {
            "type": "integer"
          }
        }
      },
      "StreamEventBackground": {
        "type": "string",
        "enum": [
          "transparent",
          "opaque",
          "auto"
        ]
      },
      "StreamEventOutputFormat": {
        "type": "string",
        "enum": [
          "png",
          "webp",
          "jpeg"
        ]
      },
      "StreamEventQuality": {
        "type": "string",
        "enum": [
          "low",
          "medium",
          "high",
          "xhigh",
          "max",
          "auto"
        ]
      },
      "StreamEventSize": {
        "anyOf": [
          {
            "type": "string",
            "enum": [
              "1024x1024",
              "1024x1536",
              "1536x1024",
              "auto"
            ]
          },
          {
            "$ref": "#/components/schemas/CustomImageSize"
          }
        ]
      },
      "ImageGenPartialImageEvent": {
        "type": "object",
        "description": "A partial image during image generation streaming.",
        "required": [
          "type",
          "b64_json",
          "background",
          "created_at",
          "output_format",
          "partial_image_index",
          "quality",
          "size"
        ],
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "image_generation.partial_image"
            ],
            "description": "discriminator enum property added by openapi-typescript"
          },
          "b64_json": {
            "type": "string"
          },
          "background": {
            "$ref": "#/components/schemas/StreamEventBackground"
          },
          "created_at": {
            "type": "integer"
          },
          "output_format": {
            "$ref": "#/components/schemas/StreamEventOutputFormat"
          },
          "partial_image_index": {
            "type": "integer",
            "minimum": 0
          },
          "quality": {
            "$ref": "#/components/schemas/StreamEventQuality"
          },
          "size": {
            "$ref": "#/components/schemas/StreamEventSize"
          }
        }
      },
      "ImageGenCompletedEvent": {
        "type": "object",
        "description": "Image generation finished; carries the final image.",
        "required": [
          "type",
          "b64_json",
          "background",
          "created_at",
          "output_format",
          "quality",
          "size",
          "usage"
        ],
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "image_generation.completed"
            ],
            "description": "discriminator enum property added by openapi-typescript"
          },
          "b64_json": {
            "type": "string"
          },
          "background": {
            "$ref": "#/components/schemas/StreamEventBackground"
          },
          "created_at": {
            "type": "integer"
          },
          "output_format": {
            "$ref": "#/components/schemas/StreamEventOutputFormat"
          },
          "quality": {
            "$ref": "#/components/schemas/StreamEventQuality"
          },
          "size": {
            "$ref": "#/components/schemas/StreamEventSize"
          },
          "usage": {
            "$ref": "#/components/schemas/ImageStreamUsage"
          },
          "safety_identifier": {
            "$ref": "#/components/schemas/EffectiveSafetyIdentifier"
          }
        }
      },
      "ImageEditPartialImageEvent": {
        "type": "object",
        "description": "A partial image during image edit streaming.",
        "required": [
          "type",
          "b64_json",
          "background",
          "created_at",
          "output_format",
          "partial_image_index",
          "quality",
          "size"
        ],
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "image_edit.partial_image"
            ],
            "description": "discriminator enum property added by openapi-typescript"
          },
          "b64_json": {
            "type": "string"
          },
          "background": {
            "$ref": "#/components/schemas/StreamEventBackground"
          },
          "created_at": {
            "type": "integer"
          },
          "output_format": {
            "$ref": "#/components/schemas/StreamEventOutputFormat"
          },
          "partial_image_index": {
            "type": "integer",
            "minimum": 0
          },
          "quality": {
            "$ref": "#/components/schemas/StreamEventQuality"
          },
          "size": {
            "$ref": "#/components/schemas/StreamEventSize"
          }
        }
      },
      "ImageEditCompletedEvent": {
        "type": "object",
        "description": "Image editing finished; carries the final image.",
        "required": [
          "type",
          "b64_json",
          "background",
          "created_at",
          "output_format",
          "quality",
          "size",
          "usage"
        ],
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "image_edit.completed"
            ],
            "description": "discriminator enum property added by openapi-typescript"
          },
          "b64_json": {
            "type": "string"
          },
          "background": {
            "$ref": "#/components/schemas/StreamEventBackground"
          },
          "created_at": {
            "type": "integer"
          },
          "output_format": {
            "$ref": "#/components/schemas/StreamEventOutputFormat"
          },
          "quality": {
            "$ref": "#/components/schemas/StreamEventQuality"
          },
          "size": {
            "$ref": "#/components/schemas/StreamEventSize"
          },
          "usage": {
            "$ref": "#/components/schemas/ImageStreamUsage"
          },
          "safety_identifier": {
            "$ref": "#/components/schemas/EffectiveSafetyIdentifier"
          }
        }
      },
      "ImageGenStreamEvent": {
        "oneOf": [
          {
            "$ref": "#/components/schemas/ImageGenPartialImageEvent"
          },
          {
            "$ref": "#/components/schemas/ImageGenCompletedEvent"
          }
        ],
        "discriminator": {
          "propertyName": "type",
          "mapping": {
            "image_generation.partial_image": "#/components/schemas/ImageGenPartialImageEvent",
            "image_generation.completed": "#/components/schemas/ImageGenCompletedEvent"
          }
        }
      },
      "ImageEditStreamEvent": {
        "oneOf": [
          {
            "$ref": "#/components/schemas/ImageEditPartialImageEvent"
          },
          {
            "$ref": "#/components/schemas/ImageEditCompletedEvent"
          }
        ],
        "discriminator": {
          "propertyName": "type",
          "mapping": {
            "image_edit.partial_image": "#/components/schemas/ImageEditPartialImageEvent",
            "image_edit.completed": "#/components/schemas/ImageEditCompletedEvent"
          }
        }
      },
      "ErrorResponse": {
        "type": "object",
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "$ref": "#/components/schemas/ApiError"
          }
        }
      },
      "ApiError": {
        "type": "object",
        "required": [
          "message",
          "type"
        ],
        "properties": {
          "message": {
            "type": "string"
          },
          "type": {
            "type": "string"
          },
          "param": {
            "type": [
              "string",
              "null"
            ]
          },
          "code": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      }
    }
  }
};
