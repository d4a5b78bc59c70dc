import { t } from '../prompts';
import type { PointsItem } from '../store/schema';

export function pointsKindLabel(kind: PointsItem['kind']): string {
  return kind === 'add' ? t('points.kind_add') : t('points.kind_deduct');
}

export function pointsStatusLabel(status: PointsItem['status']): string {
  switch (status) {
    case 'pending':
      return t('points.status_pending');
    case 'approved':
      return t('points.status_approved');
    case 'returned':
      return t('points.status_returned');
  }
}
