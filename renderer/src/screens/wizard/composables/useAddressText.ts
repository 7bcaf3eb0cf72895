import { onMounted, ref } from 'vue';
import type { AdminUnitsCatalog } from '../../../../../common/domain/admin-units';
import { adminUnits } from '../../../actions/catalog';

/** An address as one line, names from the catalog: "12 Lê Duẩn, Phường Buôn Ma Thuột, Tỉnh Đắk Lắk". */
export function useAddressText() {
  const catalog = ref<AdminUnitsCatalog | null>(null);
  onMounted(async () => {
    const r = await adminUnits();
    if (r.ok) catalog.value = r.value.catalog;
  });
  return (a: { provinceCode: string; communeCode: string; detail: string }) => {
    const province = catalog.value?.provinces.find((p) => p.code === a.provinceCode);
    const commune = province?.communes.find((c) => c.code === a.communeCode);
    return [a.detail, commune?.name ?? a.communeCode, province?.name ?? a.provinceCode].filter(Boolean).join(', ');
  };
}
