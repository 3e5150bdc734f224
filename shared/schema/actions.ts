// What a tag does when it fires: an image pixel, a script, custom HTML, or a vendor template
// whose fields are the vendor's own (pixel id, event, value) and whose output is its snippet.
import { z } from 'zod';
import { unknownPlaceholders } from '../rules/template';

/** An http(s) address that may carry placeholders such as {{page_url}}. */
export const UrlTemplate = z
  .string()
  .trim()
  .min(1, 'Enter the address')
  .max(2000, 'Keep the address under 2000 characters')
  .superRefine((url, ctx) => {
    const unknown = unknownPlaceholders(url);
    if (unknown.length) {
      ctx.addIssue({ code: 'custom', message: `Unknown placeholder ${unknown.join(', ')}` });
      return;
    }
    let parsed: URL | null = null;
    try {
      parsed = new URL(url.replace(/\{\{[^}]*\}\}/g, 'x'));
    } catch {
      /* reported below */
    }
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
      ctx.addIssue({ code: 'custom', message: 'Enter a full address starting with https://' });
    }
  });
/** Kept for readers of the first tag kind. */
export const PixelUrl = UrlTemplate;

/** A value sent to a vendor: a number, or a placeholder such as {{dl.order.value}}; empty for none. */
export const ValueTemplate = z
  .string()
  .trim()
  .max(200)
  .refine((v) => unknownPlaceholders(v).length === 0, 'Use a number or a placeholder such as {{dl.order.value}}');
const Currency = z
  .string()
  .trim()
  .regex(/^([A-Z]{3})?$/, 'Use a three-letter currency code such as EUR');

export const META_EVENTS = ['PageView', 'ViewContent', 'Search', 'AddToCart', 'AddToWishlist', 'InitiateCheckout', 'AddPaymentInfo', 'Purchase', 'Lead', 'CompleteRegistration', 'Contact', 'Subscribe'] as const;
export const TIKTOK_EVENTS = ['PageView', 'ViewContent', 'ClickButton', 'Search', 'AddToCart', 'InitiateCheckout', 'AddPaymentInfo', 'CompletePayment', 'PlaceAnOrder', 'SubmitForm', 'CompleteRegistration', 'Subscribe', 'Contact'] as const;

export const ImagePixel = z.object({ kind: z.literal('image'), url: UrlTemplate });
export const ScriptTag = z.object({ kind: z.literal('script'), src: UrlTemplate });
/** Runs arbitrary code in visitors' browsers: only admins and owners may create or change it. */
export const CustomHtml = z.object({ kind: z.literal('html'), html: z.string().min(1, 'Enter the HTML to add').max(20_000, 'Keep the HTML under 20,000 characters') });
export const MetaPixel = z.object({
  kind: z.literal('meta'),
  pixelId: z.string().trim().regex(/^\d{5,20}$/, 'The Meta pixel ID is a number of 5 to 20 digits'),
  event: z.enum(META_EVENTS),
  value: ValueTemplate,
  currency: Currency,
});
export const GoogleAdsConversion = z.object({
  kind: z.literal('googleAds'),
  conversionId: z.string().trim().regex(/^AW-\d{5,15}$/, 'The conversion ID looks like AW-123456789'),
  label: z.string().trim().regex(/^[\w-]{1,64}$/, 'Paste the conversion label Google Ads shows (letters, digits, - and _)'),
  value: ValueTemplate,
  currency: Currency,
});
export const TikTokPixel = z.object({
  kind: z.literal('tiktok'),
  pixelId: z.string().trim().regex(/^[A-Za-z0-9]{10,30}$/, 'The TikTok pixel ID is 10 to 30 letters and digits'),
  event: z.enum(TIKTOK_EVENTS),
});
export const LinkedInInsight = z.object({
  kind: z.literal('linkedin'),
  partnerId: z.string().trim().regex(/^\d{1,12}$/, 'The partner ID is a number'),
  conversionId: z.string().trim().regex(/^(\d{1,15})?$/, 'The conversion ID is a number; leave it empty for page views only'),
});

export const TagAction = z.discriminatedUnion('kind', [ImagePixel, ScriptTag, CustomHtml, MetaPixel, GoogleAdsConversion, TikTokPixel, LinkedInInsight]);
export type TagAction = z.infer<typeof TagAction>;
export type TagKind = TagAction['kind'];
export const VENDOR_KINDS = ['meta', 'googleAds', 'tiktok', 'linkedin'] as const;
