// GB/T 4754-2017 industry divisions a county's enterprise register uses most: all of manufacturing (C13–C43)
// and the few service divisions industrial firms file under. Codes may be refined to 3 or 4 digits (C3670).
export interface IndustryDivision {
  code: string;
  zh: string;
  en: string;
}

export const INDUSTRY_DIVISIONS: readonly IndustryDivision[] = [
  { code: 'C13', zh: '农副食品加工业', en: 'Agricultural and sideline food processing' },
  { code: 'C14', zh: '食品制造业', en: 'Food manufacturing' },
  { code: 'C15', zh: '酒、饮料和精制茶制造业', en: 'Liquor, beverages and refined tea' },
  { code: 'C17', zh: '纺织业', en: 'Textiles' },
  { code: 'C18', zh: '纺织服装、服饰业', en: 'Textile garments and apparel' },
  { code: 'C19', zh: '皮革、毛皮、羽毛及其制品和制鞋业', en: 'Leather, fur, feathers and footwear' },
  { code: 'C20', zh: '木材加工和木、竹、藤、棕、草制品业', en: 'Wood, bamboo, rattan, palm and straw products' },
  { code: 'C21', zh: '家具制造业', en: 'Furniture' },
  { code: 'C22', zh: '造纸和纸制品业', en: 'Paper and paper products' },
  { code: 'C23', zh: '印刷和记录媒介复制业', en: 'Printing and recording media' },
  { code: 'C24', zh: '文教、工美、体育和娱乐用品制造业', en: 'Stationery, crafts, sports and toys' },
  { code: 'C25', zh: '石油、煤炭及其他燃料加工业', en: 'Petroleum, coal and other fuels' },
  { code: 'C26', zh: '化学原料和化学制品制造业', en: 'Chemical raw materials and products' },
  { code: 'C27', zh: '医药制造业', en: 'Pharmaceuticals' },
  { code: 'C28', zh: '化学纤维制造业', en: 'Chemical fibres' },
  { code: 'C29', zh: '橡胶和塑料制品业', en: 'Rubber and plastic products' },
  { code: 'C30', zh: '非金属矿物制品业', en: 'Non-metallic mineral products' },
  { code: 'C31', zh: '黑色金属冶炼和压延加工业', en: 'Ferrous metal smelting and rolling' },
  { code: 'C32', zh: '有色金属冶炼和压延加工业', en: 'Non-ferrous metal smelting and rolling' },
  { code: 'C33', zh: '金属制品业', en: 'Metal products' },
  { code: 'C34', zh: '通用设备制造业', en: 'General-purpose machinery' },
  { code: 'C35', zh: '专用设备制造业', en: 'Special-purpose machinery' },
  { code: 'C36', zh: '汽车制造业', en: 'Motor vehicles and parts' },
  { code: 'C37', zh: '铁路、船舶、航空航天和其他运输设备制造业', en: 'Railway, ship, aerospace and other transport equipment' },
  { code: 'C38', zh: '电气机械和器材制造业', en: 'Electrical machinery and equipment' },
  { code: 'C39', zh: '计算机、通信和其他电子设备制造业', en: 'Computers, communication and electronics' },
  { code: 'C40', zh: '仪器仪表制造业', en: 'Instruments and meters' },
  { code: 'C41', zh: '其他制造业', en: 'Other manufacturing' },
  { code: 'C42', zh: '废弃资源综合利用业', en: 'Waste resource recycling' },
  { code: 'C43', zh: '金属制品、机械和设备修理业', en: 'Repair of metal products, machinery and equipment' },
  { code: 'D44', zh: '电力、热力生产和供应业', en: 'Electricity and heat supply' },
  { code: 'I65', zh: '软件和信息技术服务业', en: 'Software and IT services' },
  { code: 'M75', zh: '科技推广和应用服务业', en: 'Technology promotion and application services' },
];

export const INDUSTRY_CODE_PATTERN = /^[A-T]\d{2}(\d{1,2})?$/;

/** The division a (possibly refined) code belongs to, or undefined if the division is not in the list. */
export function industryDivisionOf(code: string): IndustryDivision | undefined {
  return INDUSTRY_DIVISIONS.find((d) => d.code === code.slice(0, 3));
}
