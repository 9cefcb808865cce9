/* gst-jssip: SIP core
 *
 * Bump allocator. Blocks are chained newest first; the arena header lives
 * in the first block so that a parsed message costs one malloc in the
 * common case (the first block is sized by the caller from the message
 * length).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gst/sip/siparena.h>

#include <stddef.h>
#include <string.h>

/* Structures are aligned for any C type. */
#define ARENA_ALIGN ((gsize) _Alignof (max_align_t))
#define ALIGN_UP(n) (((n) + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1))

/* Blocks after the first grow geometrically up to this size; a request
 * larger than half a block gets a block of its own. */
#define MIN_BLOCK_SIZE 256
#define MAX_GROWN_BLOCK_SIZE (256 * 1024)

typedef struct _ArenaBlock ArenaBlock;

struct _ArenaBlock
{
  ArenaBlock *prev;
  gsize size;                   /* usable bytes after the header */
  gsize used;
};

struct _GstSipArena
{
  ArenaBlock *current;
  gsize next_block_size;
};

#define BLOCK_HEADER_SIZE ALIGN_UP (sizeof (ArenaBlock))
#define BLOCK_DATA(b) ((guint8 *) (b) + BLOCK_HEADER_SIZE)

static ArenaBlock *
arena_block_new (gsize size)
{
  ArenaBlock *block = g_malloc (BLOCK_HEADER_SIZE + size);

  block->prev = NULL;
  block->size = size;
  block->used = 0;
  return block;
}

GstSipArena *
gst_sip_arena_new (gsize first_block_size)
{
  gsize size = MAX (first_block_size, MIN_BLOCK_SIZE) + ALIGN_UP (sizeof
      (GstSipArena));
  ArenaBlock *block = arena_block_new (size);
  GstSipArena *arena = (GstSipArena *) BLOCK_DATA (block);

  block->used = ALIGN_UP (sizeof (GstSipArena));
  arena->current = block;
  arena->next_block_size = MIN (MAX (size * 2, 1024), MAX_GROWN_BLOCK_SIZE);
  return arena;
}

void
gst_sip_arena_free (GstSipArena * arena)
{
  ArenaBlock *block;

  if (arena == NULL)
    return;
  /* The arena lives in the oldest block: read the chain before freeing. */
  block = arena->current;
  while (block != NULL) {
    ArenaBlock *prev = block->prev;
    g_free (block);
    block = prev;
  }
}

/* Slow path: the current block cannot hold @size bytes at @align. */
static gpointer
arena_alloc_new_block (GstSipArena * arena, gsize size)
{
  ArenaBlock *block;

  if (size > arena->next_block_size / 2) {
    /* A dedicated block, slid under the current one so that the current
     * block keeps serving small requests. */
    block = arena_block_new (size);
    block->used = size;
    block->prev = arena->current->prev;
    arena->current->prev = block;
    return BLOCK_DATA (block);
  }

  block = arena_block_new (arena->next_block_size);
  block->prev = arena->current;
  block->used = size;
  arena->current = block;
  arena->next_block_size = MIN (arena->next_block_size * 2,
      MAX_GROWN_BLOCK_SIZE);
  return BLOCK_DATA (block);
}

static inline gpointer
arena_alloc (GstSipArena * arena, gsize size, gsize align)
{
  ArenaBlock *block = arena->current;
  gsize start = (block->used + align - 1) & ~(align - 1);

  if (G_LIKELY (start <= block->size && size <= block->size - start)) {
    block->used = start + size;
    return BLOCK_DATA (block) + start;
  }
  return arena_alloc_new_block (arena, size);
}

gpointer
gst_sip_arena_alloc (GstSipArena * arena, gsize size)
{
  return arena_alloc (arena, size, ARENA_ALIGN);
}

gpointer
gst_sip_arena_alloc0 (GstSipArena * arena, gsize size)
{
  gpointer mem = arena_alloc (arena, size, ARENA_ALIGN);

  memset (mem, 0, size);
  return mem;
}

gchar *
gst_sip_arena_strndup (GstSipArena * arena, const gchar * str, gsize len)
{
  gchar *copy = arena_alloc (arena, len + 1, 1);

  if (len > 0)
    memcpy (copy, str, len);
  copy[len] = '\0';
  return copy;
}

gchar *
gst_sip_arena_strdup (GstSipArena * arena, const gchar * str)
{
  if (str == NULL)
    return NULL;
  return gst_sip_arena_strndup (arena, str, strlen (str));
}

gchar *
gst_sip_arena_printf (GstSipArena * arena, const gchar * format, ...)
{
  va_list args;
  gchar stack_buf[256];
  gchar *copy;
  gint len;

  va_start (args, format);
  len = g_vsnprintf (stack_buf, sizeof (stack_buf), format, args);
  va_end (args);
  g_return_val_if_fail (len >= 0, NULL);

  if ((gsize) len < sizeof (stack_buf))
    return gst_sip_arena_strndup (arena, stack_buf, len);

  copy = arena_alloc (arena, (gsize) len + 1, 1);
  va_start (args, format);
  g_vsnprintf (copy, (gsize) len + 1, format, args);
  va_end (args);
  return copy;
}
